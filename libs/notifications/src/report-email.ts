/**
 * The e-mail about a report: it says only that a report is waiting, with the link to read it after
 * signing in. No name, no report text, no barrier, no status: a mailbox is not a safe place for
 * them, and the address may be shared or forwarded.
 */
export function reportEmail(publicUrl: string, reportId: string): { subject: string; text: string } {
  return {
    subject: 'Parcours : un nouveau compte rendu vous attend',
    text: [
      'Bonjour,',
      '',
      'Un nouveau compte rendu concernant une personne que vous accompagnez vous attend dans Parcours.',
      '',
      `Pour le lire, connectez-vous : ${publicUrl}/reports/${reportId}`,
      '',
      'Ce message ne contient volontairement aucune information sur la personne.',
      'Vous pouvez ne plus recevoir ces messages en le précisant dans vos réglages de notification.',
      '',
      '-- ',
      'Parcours, dispositif L.O.I.R.E (message automatique, merci de ne pas y répondre)',
    ].join('\n'),
  };
}
