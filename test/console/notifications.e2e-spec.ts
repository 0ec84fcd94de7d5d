import type { Browser, Page } from 'playwright-core';
import { StaffNotificationsService } from '@parcours/notifications';
import { describeInBrowser, launchBrowser, openPage, ScreenChecks, signInThroughPage } from '../support/browser';
import { aPerson, SCHEDULE, startJourneyApp, type JourneyFixture } from '../support/journey';
import type { AccountsFixture, TestUser } from '../support/accounts';
import type { TestApp } from '../support/test-app';

/** The bell and the to-do list built from the notifications (issue 35), in Chromium. */
describeInBrowser('the console’s notifications, in a real browser', () => {
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
    referent = await accounts.user('REFERENT', { fullName: 'Nadia Référente' });
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    manager = await accounts.user('MANAGER', { fullName: 'Irène Responsable' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = async (): Promise<Page> => (await openPage(browser, t.url, t.clock.now())).page;
  const bell = (p: Page) => p.getByTestId('notifications-count');

  it("a manager's bell counts a new referral live; the to-do list links to its pathway, which marks it read", async () => {
    const p = await page();
    await signInThroughPage(p, manager);
    await p.getByRole('heading', { name: /^Bonjour/ }).waitFor();
    expect(await bell(p).textContent()).toBe('0');
    expect(await p.getByRole('heading', { name: 'À faire en premier' }).count()).toBe(0);

    // A referent refers someone while the manager's console is open: the bell moves without a reload.
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Martin' }));
    await p.waitForFunction(() => document.querySelector('[data-testid="notifications-count"]')?.textContent === '1');
    const todo = p.getByRole('list', { name: 'À faire en premier' });
    await todo.waitFor();
    const link = todo.getByRole('link', { name: /Nouvelle orientation à accepter ou refuser : .*Martin/ });
    await link.waitFor();
    await screens.check(p, 'notifications-01-home-manager');
    expect(await link.getAttribute('href')).toBe(`/parcours/${pathway.id}`);
    await link.click();
    await p.waitForURL(`**/parcours/${pathway.id}`);
    await p.waitForFunction(() => document.querySelector('[data-testid="notifications-count"]')?.textContent === '0');
  });

  it("a counsellor sees tomorrow's interview on the notifications page as the sweep writes it, and marks it read", async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Bernard' }));
    await journey.accept(counsellor, pathway.id);
    const scheduled = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } | null } }>(SCHEDULE, { input: { pathwayId: pathway.id, startsAt: '2026-03-17T08:00:00Z', channel: 'ON_SITE' } }, { token: counsellor.token });
    expect(scheduled.scheduleDiagnostic.appointment).not.toBeNull();
    const p = await page();
    await signInThroughPage(p, counsellor, '/notifications');
    await p.getByRole('heading', { name: 'Notifications' }).waitFor();
    await p.getByText('Rien de nouveau.').waitFor();

    await t.app.get(StaffNotificationsService).sweepDue();
    await p.waitForFunction(() => document.querySelector('[data-testid="notifications-count"]')?.textContent === '1');
    const item = p.getByRole('link', { name: /Entretien de diagnostic demain : .*Bernard/ });
    await item.waitFor();
    expect(await p.getByTestId('notification').textContent()).toContain('17/03/2026');
    await screens.check(p, 'notifications-02-page-counsellor');
    await p.getByRole('button', { name: /Marquer comme lu : Entretien de diagnostic demain/ }).click();
    await p.waitForFunction(() => document.querySelector('[data-testid="notifications-count"]')?.textContent === '0');
    await p.getByText('Rien de nouveau.').waitFor();
    await p.getByLabel('Non lues seulement').uncheck();
    await item.waitFor();
  });

  it('a referent and a counsellor exchange two messages on a pathway, each seeing the other’s live; the bell tells, opening reads', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Durand' }));
    await journey.accept(counsellor, pathway.id);
    const r = await page();
    await signInThroughPage(r, referent, `/parcours/${pathway.id}`);
    const c = await page();
    await signInThroughPage(c, counsellor, `/parcours/${pathway.id}`);
    await r.getByRole('heading', { name: /^Messages avec/ }).waitFor();
    await c.getByRole('heading', { name: 'Messages avec le référent' }).waitFor();

    await r.getByRole('button', { name: 'Écrire un message' }).click();
    await r.getByLabel('Votre message').fill('Elle a déménagé à Firminy : nouvelle adresse transmise par courrier.');
    await r.getByRole('button', { name: 'Envoyer' }).click();
    await c.getByText('Elle a déménagé à Firminy : nouvelle adresse transmise par courrier.').waitFor();
    await screens.check(c, 'notifications-03-conversation-counsellor');
    await c.getByRole('button', { name: 'Écrire un message' }).click();
    await c.getByLabel('Votre message').fill('Merci, je la rappelle demain matin.');
    await c.getByRole('button', { name: 'Envoyer' }).click();
    await r.getByText('Merci, je la rappelle demain matin.').waitFor();
    // The counsellor had the page open: read at once; the referent sees it.
    await r.getByText('Lu par Paul Conseiller').waitFor();
    expect(await r.getByTestId('message').count()).toBe(2);

    // Two minutes later, the referent elsewhere: the bell counts the next message, and its link opens the conversation.
    t.clock.advance(120_000);
    await r.getByRole('link', { name: 'Accueil' }).click();
    await c.getByLabel('Votre message').fill('Rendez-vous confirmé pour jeudi.');
    await c.getByRole('button', { name: 'Envoyer' }).click();
    await r.waitForFunction(() => Number(document.querySelector('[data-testid="notifications-count"]')?.textContent) >= 1);
    const link = r.getByRole('list', { name: 'À faire en premier' }).getByRole('link', { name: /Nouveau message sur le parcours : .*Durand/ });
    await link.click();
    await r.getByText('Rendez-vous confirmé pour jeudi.').waitFor();
    await r.waitForFunction(() => document.querySelector('[data-testid="notifications-count"]')?.textContent === '0');
    expect(screens.violations).toEqual({});
  });
});
