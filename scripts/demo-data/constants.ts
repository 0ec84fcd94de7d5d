/** Every demo account's password (README, "Try it with demo data"). */
export const DEMO_PASSWORD = 'Demo-Loire-2026';

/** One account per role, printed by the generator and `npm run demo`; the administrator is the bootstrap one. */
export const DEMO_ACCOUNTS = {
  ADMIN: 'admin@demo.parcours.test',
  MANAGER: 'responsable@demo.parcours.test',
  COUNSELLOR: 'conseillere@demo.parcours.test',
  REFERENT: 'referente@demo.parcours.test',
  FUNDER: 'financeur@demo.parcours.test',
} as const;

/** How far back the simulated period starts: long enough for six-month follow-ups and exits. */
export const SIMULATED_MONTHS = 18;
