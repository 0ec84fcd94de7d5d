import type { TestUser } from './accounts';
import type { GraphqlClient } from './graphql-client';

/** A person as a line of a referent's list: French headers, as the usual extracts write them. */
export interface ListPerson {
  nom: string;
  prenom: string;
  naissance: string;
  adresse?: string;
  cp?: string;
  commune?: string;
  rsa?: string;
  ft?: string;
  freins?: string;
  telephone?: string;
}

export const LIST_HEADERS = ['Nom', 'Prénom', 'Date de naissance', 'Adresse', 'Code postal', 'Commune', 'Situation RSA', 'N° France Travail', 'Freins', 'Téléphone'];

/** The list as a CSV text (";", as French spreadsheets save it). */
export function listCsv(people: readonly ListPerson[], headers: readonly string[] = LIST_HEADERS): string {
  const row = (person: ListPerson) =>
    [person.nom, person.prenom, person.naissance, person.adresse ?? '3 rue Michelet', person.cp ?? '42000', person.commune ?? 'Saint-Étienne', person.rsa ?? 'Socle', person.ft ?? '', person.freins ?? '', person.telephone ?? ''].map((cell) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(';');
  return [headers.join(';'), ...people.map(row)].join('\r\n') + '\r\n';
}

export interface UploadAnswer {
  status: number;
  body: { id?: string; lineCount?: number; code?: string; message?: string };
}

/** POST /imports/referrals with the file's bytes, as the console sends it. */
export async function upload(baseUrl: string, user: TestUser, bytes: Buffer | string, fileName = 'liste.csv', extra: Record<string, string> = {}, type = 'application/octet-stream'): Promise<UploadAnswer> {
  const query = new URLSearchParams({ fileName, ...extra });
  const response = await fetch(`${baseUrl}/imports/referrals?${query}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${user.token}` },
    body: new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes),
  });
  const text = await response.text();
  let body: UploadAnswer['body'];
  try {
    body = JSON.parse(text) as UploadAnswer['body'];
  } catch {
    body = { message: text };
  }
  return { status: response.status, body };
}

export const IMPORT_FIELDS = 'id fileName status lineCount done referentId missingColumns headers columns { field column required } choices { operatorId informedOn rsaStatus franceTravailRegistered franceTravailMissingReason } counts { total toRefer alreadyInPathway notEligible inError duplicates referred }';

export interface ImportLineSeen {
  line: number;
  verdict: string;
  name: string | null;
  knownBefore: boolean;
  pathwayId: string | null;
  problems: { code: string; message: string; field: string | null }[];
}

export interface ImportSeen {
  id: string;
  status: string;
  lineCount: number;
  done: number;
  missingColumns: string[];
  columns: { field: string; column: number | null; required: boolean }[];
  choices: Record<string, unknown>;
  counts: Record<string, number> | null;
  preview?: { missingColumns: string[]; missingChoices: string[]; counts: Record<string, number>; lines: ImportLineSeen[] };
  resultCsv?: string | null;
}

/** The import calls of the API, as one referent (or ADMIN) makes them. */
export class ImportsClient {
  constructor(
    private readonly api: GraphqlClient,
    private readonly baseUrl: string,
  ) {}

  upload(user: TestUser, bytes: Buffer | string, fileName?: string, extra?: Record<string, string>): Promise<UploadAnswer> {
    return upload(this.baseUrl, user, bytes, fileName, extra);
  }

  async get(user: TestUser, id: string, withPreview = true): Promise<ImportSeen> {
    const preview = withPreview ? 'preview { missingColumns missingChoices counts { total toRefer alreadyInPathway notEligible inError duplicates referred } lines { line verdict name knownBefore pathwayId problems { code message field } } }' : '';
    return (await this.api.data<{ referralImport: ImportSeen }>(`query ($id: ID!) { referralImport(id: $id) { ${IMPORT_FIELDS} ${preview} } }`, { id }, { token: user.token })).referralImport;
  }

  async result(user: TestUser, id: string): Promise<string | null> {
    return (await this.api.data<{ referralImport: { resultCsv: string | null } }>('query ($id: ID!) { referralImport(id: $id) { resultCsv } }', { id }, { token: user.token })).referralImport.resultCsv;
  }

  async update(user: TestUser, importId: string, change: { columns?: { field: string; column: number | null }[]; choices?: Record<string, unknown> }): Promise<{ referralImport: ImportSeen | null; userErrors: { code: string; message: string; field: string[] | null }[] }> {
    return (
      await this.api.data<{ updateReferralImport: { referralImport: ImportSeen | null; userErrors: { code: string; message: string; field: string[] | null }[] } }>(
        `mutation ($input: UpdateReferralImportInput!) { updateReferralImport(input: $input) { referralImport { ${IMPORT_FIELDS} } userErrors { code message field } } }`,
        { input: { importId, ...change } },
        { token: user.token },
      )
    ).updateReferralImport;
  }

  async confirm(user: TestUser, importId: string): Promise<{ referralImport: ImportSeen | null; userErrors: { code: string; message: string }[] }> {
    return (
      await this.api.data<{ confirmReferralImport: { referralImport: ImportSeen | null; userErrors: { code: string; message: string }[] } }>(
        `mutation ($input: ReferralImportInput!) { confirmReferralImport(input: $input) { referralImport { ${IMPORT_FIELDS} } userErrors { code message } } }`,
        { input: { importId } },
        { token: user.token },
      )
    ).confirmReferralImport;
  }

  async cancel(user: TestUser, importId: string): Promise<{ referralImport: ImportSeen | null; userErrors: { code: string }[] }> {
    return (
      await this.api.data<{ cancelReferralImport: { referralImport: ImportSeen | null; userErrors: { code: string }[] } }>(
        `mutation ($input: ReferralImportInput!) { cancelReferralImport(input: $input) { referralImport { ${IMPORT_FIELDS} } userErrors { code } } }`,
        { input: { importId } },
        { token: user.token },
      )
    ).cancelReferralImport;
  }

  /** Polls until the import is DONE (as the console does), at most `seconds`. */
  async done(user: TestUser, id: string, seconds = 60): Promise<ImportSeen> {
    for (let waited = 0; waited < seconds * 10; waited++) {
      const seen = await this.get(user, id, false);
      if (seen.status === 'DONE') return this.get(user, id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} not done after ${seconds} s`);
  }
}
