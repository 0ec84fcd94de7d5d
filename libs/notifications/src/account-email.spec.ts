import { AccountTokenPurpose } from '@parcours/accounts';
import { accountEmail } from './account-email';

describe('the e-mail carrying a password link', () => {
  const link = 'https://parcours.test/nouveau-mot-de-passe#id.secret';

  it('gives a reset link, how long it works, and what to do if the request was not yours', () => {
    const mail = accountEmail(AccountTokenPurpose.PASSWORD_RESET, link, { minutes: 30, days: 7 });
    expect(mail.subject).toBe('Parcours : choisir un nouveau mot de passe');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('une seule fois, pendant 30 minutes');
    expect(mail.text).toContain("Si vous n'êtes pas à l'origine de cette demande");
  });

  it('gives an invitation its days', () => {
    expect(accountEmail(AccountTokenPurpose.INVITATION, link, { minutes: 30, days: 7 }).text).toContain('pendant 7 jours');
    expect(accountEmail(AccountTokenPurpose.INVITATION, link, { minutes: 30, days: 1 }).text).toContain('pendant 1 jour.');
  });
});
