/**
 * The imports' GraphQL types about no participant. An ImportLine of a preview carries a name as
 * the uploader's own file writes it, for the uploader alone (or ADMIN): nobody's record in Parcours
 * yet. The preview's lookups of known people are in the access log, one entry per person
 * (ReferralImportsService.preview), as are the upload and the confirmation (who, which, counts).
 */
export const IMPORTS_NO_PERSONAL_DATA: readonly string[] = ['ReferralImport', 'ReferralImportPayload', 'ImportColumn', 'ImportChoices', 'ImportCounts', 'ImportProblem', 'ImportLine', 'ImportPreview'];
