/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CONSOLE_DIR } from '../../apps/api/src/project';

/** Debian's chromium by default; CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'console');

/** The browser suite runs once, on SQLite (.ci/run's second pass is PostgreSQL). */
export const describeInBrowser = /^postgres/.test(process.env.DATABASE_URL ?? '') ? describe.skip : describe;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error(`No console built in ${CONSOLE_DIR}: run npm run build:web first (npm test does).`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // As root in a container, without the background connections this closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page of a fresh context (its own cookies), its browser clock at the server's test time, CSP violations collected. */
export async function openPage(browser: Browser, url: string, now: Date): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ baseURL: url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  await page.clock.setFixedTime(now);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { context, page, cspViolations };
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core run on the page as it stands (WCAG 2.1 A and AA rules), after a screenshot saved under
 * test-results/console: the serious and critical violations. The script goes in through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern.
 */
export async function checkScreen(page: Page, name: string): Promise<AxeViolation[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** The screens a suite checked, and the serious or critical violations axe found on each: one `expect(…).toEqual({})` at the end. */
export class ScreenChecks {
  readonly violations: Record<string, AxeViolation[]> = {};

  async check(page: Page, name: string): Promise<void> {
    const found = await checkScreen(page, name);
    if (found.length > 0) this.violations[name] = found;
  }
}

/** Signs a user in through the console's page, at `path` (the sign-in page sends them back to it), and waits for the signed-in menu. */
export async function signInThroughPage(page: Page, user: { email: string; password: string }, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe').fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** Tabs until the focus is on the control named so (by its label, or its own text): the test reads the page, never clicks. */
export async function tabTo(page: Page, name: string, most = 120): Promise<void> {
  for (let presses = 0; presses < most; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return (element?.labels?.[0]?.textContent ?? element?.textContent ?? '').trim();
    });
    if (focused === name || focused.startsWith(name)) return;
  }
  throw new Error(`${name}: not reached with Tab`);
}

/** Opens one of a page's other actions: "Autres actions", then the action named so. */
export async function openAction(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Autres actions/ }).click();
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}

/**
 * The confirmation dialog an irreversible action opens: checks it names its consequence (`says`),
 * then confirms with its button, or cancels ("Annuler") when `confirm` is false.
 */
export async function answerDialog(page: Page, says: string | RegExp, confirm: string | false): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByText(says).waitFor();
  await dialog.getByRole('button', { name: confirm === false ? 'Annuler' : confirm, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}
