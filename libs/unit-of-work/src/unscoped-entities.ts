/**
 * The entities ScopedReads reads without a `visibleTo(actor)` rule, each with the reason it needs
 * none. Any other entity without a rule is refused: at start (`assertEveryEntityScoped`) and at its
 * first read. Adding an entity here is a decision a reviewer sees; test/architecture lists them.
 */
export const UNSCOPED_ENTITIES: Readonly<Record<string, string>> = {
  Organisation: 'names and kinds of organisations, shown to every signed-in user (pickers, lists); the accounts module checks who may change one',
  User: "staff accounts, not participants: the accounts module applies usersVisibleTo(actor) itself and answers only what a role may see",
  Session: "read only to sign in and refresh, for the session's own user",
  SpentLink: 'single-use links already spent: read by the link check only, no person in it',
  LoginFailure: 'the sign-in throttle: counts of failures by e-mail key, read by the throttle only',
  AccountToken: 'invitation and reset tokens: read by the token check only, for the one token presented',
  AccountEvent: "an account's history: read by the accounts module for an account the caller already may see",
  Participant:
    'the person: read through a pathway the viewer sees (pathway views are scoped), or by the referral identity rule, which answers nothing identifying about a person it does not show',
  RefusedReferral: 'counts of refused referrals for the outcome figures: no person in it',
  OutcomeCell: 'the outcome model: counts by day, organisation and commune, no person; read by raw SQL that writes the scope into each statement (OutcomeReportService)',
  OutcomeModelVersion: 'the outcome model\'s definitions fingerprint: no person',
  AuditEntry: 'the access log: read by ADMIN only (its resolver says so), written and purged by the audit itself',
};

/** Every entity of the ORM has a visibleTo rule or is registered above, and nothing is registered that does not exist. */
export function unscopedProblems(entities: readonly { name: string; hasRule: boolean }[]): string[] {
  const names = new Set(entities.map((entity) => entity.name));
  return [
    ...entities.filter((entity) => !entity.hasRule && !Object.hasOwn(UNSCOPED_ENTITIES, entity.name)).map((entity) => `${entity.name} has no visibleTo(actor) and is not in UNSCOPED_ENTITIES`),
    ...entities.filter((entity) => entity.hasRule && Object.hasOwn(UNSCOPED_ENTITIES, entity.name)).map((entity) => `${entity.name} has a visibleTo(actor) rule and is also in UNSCOPED_ENTITIES`),
    ...Object.keys(UNSCOPED_ENTITIES).filter((name) => !names.has(name)).map((name) => `UNSCOPED_ENTITIES names ${name}, which is no entity`),
  ];
}
