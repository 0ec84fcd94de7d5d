/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import { AppointmentLinks } from '@parcours/pathways';
import type { Browser, Page } from 'playwright-core';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { aPerson, SCHEDULE, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { TestApp } from '../support/test-app';

/** A small phone: the person opens the link from an SMS. */
const PHONE = { width: 360, height: 740 };

/**
 * Issue 34, item 4, in a real browser: the person's page on a phone-sized screen, opened by the
 * link of their messages (the token after #, gone from the address bar once read): "je serai
 * présent(e)", "je ne pourrai pas venir" with a reason and "rappelez-moi", a forged or expired link
 * ("Ce lien a expiré."), and stopping the messages, confirmed first. The counsellor then finds the
 * "cannot come" on their home page and the pathway; a manager sets the reminders.
 */
describeInBrowser('the person’s page, on a phone, and what the staff see of it', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let browser: Browser;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  const screens = new ScreenChecks();

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    browser = await launchBrowser();
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    manager = await accounts.user('MANAGER');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function booked(lastName: string, startsAt = '2026-03-20T09:00:00Z'): Promise<{ pathwayId: string; appointmentId: string; token: string }> {
    const pathway = await journey.refer(referent, aPerson({ lastName, firstNames: 'Léa', phone: '06 11 22 33 44' }), { messageConsent: ['SMS'] });
    await journey.accept(counsellor, pathway.id);
    const { scheduleDiagnostic } = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: pathway.id, startsAt, channel: 'ON_SITE', place: '3 rue de la Paix, Saint-Étienne' } }, { token: counsellor.token });
    const appointmentId = scheduleDiagnostic.appointment.id;
    return { pathwayId: pathway.id, appointmentId, token: t.app.get(AppointmentLinks).token(appointmentId) };
  }

  async function onPhone(path: string): Promise<Page> {
    const { page } = await openPage(browser, t.url, t.clock.now());
    await page.setViewportSize(PHONE);
    await page.goto(path);
    return page;
  }

  const answerOf = async (pathwayId: string) =>
    (await t.api.data<{ pathway: { appointments: { answer: string | null; answerReason: string | null; answerCallBack: boolean }[] } }>('query ($id: ID!) { pathway(id: $id) { appointments { answer answerReason answerCallBack } } }', { id: pathwayId }, { token: counsellor.token })).pathway.appointments[0];

  it('lets the person confirm, then say they cannot come with a reason and a call back, on a phone; the counsellor finds it on their home page', async () => {
    const { pathwayId, token } = await booked('Dupont');
    const p = await onPhone(`/rendez-vous#${token}`);
    await p.getByRole('heading', { name: 'Votre rendez-vous' }).waitFor();
    await p.getByText('Le vendredi 20 mars 2026 à 10:00').waitFor();
    await p.getByText('Avec Paul Conseiller').waitFor();
    await p.getByText('Lieu : 3 rue de la Paix, Saint-Étienne').waitFor();
    // The token is out of the address bar; nothing of the person but the appointment is on the page.
    expect(new URL(p.url()).hash).toBe('');
    expect(await p.locator('main').innerText()).not.toMatch(/Dupont|Léa|06 11|santé/i);
    // Nothing wider than the phone.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screens.check(p, '90-person-page');

    await p.getByRole('button', { name: 'Je serai présent(e)' }).click();
    await p.getByText('Merci : nous avons noté que vous serez présent(e).').waitFor();
    expect(await answerOf(pathwayId)).toMatchObject({ answer: 'COMING' });

    // A reload keeps the page (the tab kept the token, not the address).
    await p.reload();
    await p.getByText('Merci : nous avons noté que vous serez présent(e).').waitFor();

    await p.getByRole('button', { name: 'Je ne pourrai pas venir' }).click();
    await p.getByLabel('Pourquoi ? (facultatif)').fill('Rendez-vous chez le médecin');
    await screens.check(p, '91-person-page-cannot-come');
    await p.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await p.getByText('Merci : nous avons noté que vous ne pourrez pas venir. Nous allons vous rappeler.').waitFor();
    expect(await answerOf(pathwayId)).toEqual({ answer: 'CANNOT_COME', answerReason: 'Rendez-vous chez le médecin', answerCallBack: true });

    const staff = (await openPage(browser, t.url, t.clock.now())).page;
    await signInThroughPage(staff, counsellor);
    const line = 'Personnes qui ont prévenu qu’elles ne pourront pas venir à leur entretien : à rappeler, puis déplacer ou excuser';
    await staff.getByRole('link', { name: line }).click();
    await staff.getByRole('link', { name: 'Léa Dupont' }).click();
    await staff.getByText(/La personne a prévenu qu’elle ne pourra pas venir \(par son lien, le 16\/03\/2026 à 10:00\) : « Rendez-vous chez le médecin » ; elle demande à être rappelée/).waitFor();
    await staff.getByText('La personne (par son lien) : ne pourra pas venir à son entretien, demande à être rappelée').waitFor();
    await screens.check(staff, '92-pathway-person-cannot-come');
  });

  it('says "Ce lien a expiré." to a forged link, a link without its token, and an appointment cancelled', async () => {
    const { token, appointmentId } = await booked('Martin');
    await t.api.data('mutation ($input: AppointmentOutcomeInput!) { cancelAppointment(input: $input) { userErrors { code } } }', { input: { appointmentId } }, { token: counsellor.token });
    const { token: other } = await booked('Bernard');
    const forged = `${other.slice(0, 10)}${other[10] === 'x' ? 'y' : 'x'}${other.slice(11)}`;
    for (const path of [`/rendez-vous#${forged}`, '/rendez-vous', `/rendez-vous#${token}`]) {
      const p = await onPhone(path);
      await p.getByRole('alert').getByText('Ce lien a expiré.').waitFor();
      expect(await p.getByRole('button', { name: 'Je serai présent(e)' }).count()).toBe(0);
    }
    const p = await onPhone(`/rendez-vous#${forged}`);
    await p.getByText('Ce lien a expiré.').waitFor();
    await screens.check(p, '93-person-page-expired');
  });

  it('stops the messages once the person confirms it, and a manager sets the reminders', async () => {
    const { pathwayId, token } = await booked('Petit');
    const p = await onPhone(`/rendez-vous#${token}`);
    await p.getByText('Ne plus recevoir de messages').click();
    await p.getByRole('button', { name: 'Ne plus recevoir de SMS ni d’e-mails' }).click();
    await p.getByText('Vous ne recevrez plus aucun SMS ni e-mail de Parcours').waitFor();
    await p.getByRole('button', { name: 'Non, garder les messages' }).click();
    const consents = async () => (await t.api.data<{ pathway: { participant: { messageConsents: unknown[] } } }>('query ($id: ID!) { pathway(id: $id) { participant { messageConsents { channel } } } }', { id: pathwayId }, { token: counsellor.token })).pathway.participant.messageConsents;
    expect(await consents()).toHaveLength(1);
    await p.getByRole('button', { name: 'Ne plus recevoir de SMS ni d’e-mails' }).click();
    await p.getByRole('button', { name: 'Oui, ne plus rien recevoir' }).click();
    await p.getByText(/Vous ne recevez plus de messages de Parcours/).waitFor();
    expect(await consents()).toEqual([]);

    const m = (await openPage(browser, t.url, t.clock.now())).page;
    await signInThroughPage(m, manager);
    await m.getByRole('link', { name: 'Réglages' }).click();
    await m.getByRole('heading', { name: 'Rappels envoyés aux personnes avant leur entretien' }).waitFor();
    // A manager has no report e-mails to set (a referent's): their own notices, and the reminders.
    expect(await m.getByLabel('Nouveau compte rendu').count()).toBe(0);
    expect(await m.getByLabel('Nouvelle orientation à accepter ou refuser').inputValue()).toBe('DIGEST');
    await m.getByLabel('Jours avant l’entretien (0 : le jour même)').first().fill('3');
    await m.getByRole('button', { name: 'Enregistrer les rappels' }).click();
    await m.getByText('Les rappels sont enregistrés.').waitFor();
    await screens.check(m, '94-reminder-delays');
    const delays = await t.api.data<{ reminderDelays: unknown[] }>('{ reminderDelays { daysBefore time } }', undefined, { token: manager.token });
    expect(delays.reminderDelays).toEqual([{ daysBefore: 3, time: null }, { daysBefore: 0, time: '08:00' }]);
    expect(screens.violations).toEqual({});
  });
});
