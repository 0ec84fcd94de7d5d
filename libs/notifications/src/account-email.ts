import { AccountTokenPurpose } from '@parcours/accounts';

/**
 * The e-mail carrying a password link: the link, how long it works, and what to do when the
 * request was not yours. No name beyond the greeting's neutral one: the address may be shared.
 */
export function accountEmail(purpose: AccountTokenPurpose, link: string, validity: { minutes: number; days: number }): { subject: string; text: string } {
  const invitation = purpose === AccountTokenPurpose.INVITATION;
  const lasts = invitation ? `${validity.days} jour${validity.days > 1 ? 's' : ''}` : `${validity.minutes} minutes`;
  return {
    subject: invitation ? 'Parcours : votre compte vous attend' : 'Parcours : choisir un nouveau mot de passe',
    text: [
      'Bonjour,',
      '',
      invitation
        ? 'Un compte Parcours a été créé pour vous. Pour y accéder, choisissez votre mot de passe en suivant ce lien :'
        : 'Une demande de nouveau mot de passe a été faite pour votre compte Parcours. Pour le choisir, suivez ce lien :',
      '',
      link,
      '',
      `Ce lien fonctionne une seule fois, pendant ${lasts}. Passé ce délai, demandez-en un nouveau depuis la page de connexion (« Mot de passe oublié »).`,
      invitation
        ? "Si vous ne vous attendiez pas à ce message, ignorez-le : sans mot de passe choisi, personne ne peut utiliser ce compte."
        : "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.",
      '',
      '-- ',
      'Parcours, dispositif L.O.I.R.E (message automatique, merci de ne pas y répondre)',
    ].join('\n'),
  };
}
