import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useConfirm } from '../../components/actions';
import { DateField } from '../../components/DateField';
import { fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { QueryState } from '../../components/QueryState';
import { frenchMessage } from '../../errors';
import { day, instant, parseDay } from '../../format';
import {
  CancelReferralImportDocument,
  ConfirmReferralImportDocument,
  OperatorsDocument,
  ReferralImportDocument,
  ReferralImportPreviewDocument,
  ReferralImportResultDocument,
  ReferralImportsDocument,
  UpdateReferralImportDocument,
  type ImportFieldsFragment,
  type ImportLineVerdict,
  type ImportField,
  type RsaStatus,
  type EducationLevel,
} from '../../graphql/generated';
import { EDUCATION, RSA, VERDICT } from '../../labels';
import { accessToken } from '../../session';

const STATUS: Record<ImportFieldsFragment['status'], string> = { PREVIEW: 'à vérifier', IMPORTING: 'en cours', DONE: 'terminé', CANCELLED: 'annulé' };

/** Upload a list, and the latest imports. */
export function ImportsPage() {
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [{ data }] = useQuery({ query: ReferralImportsDocument, requestPolicy: 'cache-and-network' });

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError('Choisissez d’abord le fichier de votre liste.');
    setSending(true);
    setError(null);
    try {
      const token = await accessToken();
      const response = await fetch(`/imports/referrals?fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: file,
      });
      const answer = (await response.json().catch(() => ({}))) as { id?: string; code?: string; message?: string };
      if (response.ok && answer.id) return navigate(`/import/${answer.id}`);
      // The file's problems are said by the server in French, naming what is wrong; the others by their code.
      if (response.status === 413) setError(frenchMessage('FILE_TOO_LARGE'));
      else setError(answer.code && answer.code in FILE_CODES ? (answer.message ?? frenchMessage(answer.code)) : frenchMessage(answer.code ?? 'INTERNAL_SERVER_ERROR'));
    } catch {
      setError(frenchMessage('NETWORK_ERROR'));
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Importer une liste de personnes</h1>
      <p>
        Un fichier CSV (séparé par des « ; » ou des « , ») ou Excel (.xlsx) avec une ligne d’en-têtes : nom, prénom, date de naissance, adresse, commune ou code postal, et si vous
        l’avez la situation RSA, le n° France Travail, les freins. 5 000 lignes et 5 Mo au plus. <strong>Rien n’est enregistré avant votre confirmation</strong> : vous verrez d’abord qui sera
        orienté.
      </p>
      <form onSubmit={send} className="filters">
        <div className="field">
          <label htmlFor="import-file">Fichier de la liste</label>
          <input id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={sending}>
          {sending ? 'Lecture…' : 'Lire le fichier'}
        </button>
      </form>
      <FormError messages={error ? [error] : undefined} />
      {data && data.referralImports.length > 0 && (
        <>
          <h2>Vos derniers imports</h2>
          <ul className="cards">
            {data.referralImports.map((item) => (
              <li key={item.id}>
                <Link to={`/import/${item.id}`}>{item.fileName}</Link> — {instant(item.createdAt)}, {item.lineCount} lignes, {STATUS[item.status]}
                {item.counts ? (item.status === 'DONE' ? `, ${item.counts.referred} orientée(s)` : `, ${item.counts.toRefer} à orienter`) : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The codes whose server message names the file's problem (in French). */
const FILE_CODES = { FILE_NOT_SUPPORTED: 1, FILE_PROTECTED: 1, FILE_CORRUPT: 1, FILE_TOO_LARGE: 1, TOO_MANY_LINES: 1, FILE_EMPTY: 1, UNREADABLE_ENCODING: 1 };

/** One import: its preview (choices, columns, every line judged), then its progress, then its result. */
export function ImportPage() {
  const { id = '' } = useParams();
  const [{ data: summary, fetching, error }, refresh] = useQuery({ query: ReferralImportDocument, variables: { id }, requestPolicy: 'network-only' });
  const status = summary?.referralImport.status;
  // While it imports, its progress is asked every second.
  useEffect(() => {
    if (status !== 'IMPORTING') return;
    const timer = setInterval(() => refresh({ requestPolicy: 'network-only' }), 1_000);
    return () => clearInterval(timer);
  }, [status, refresh]);
  if (!summary) return <QueryState fetching={fetching} error={error} />;
  const imported = summary.referralImport;
  return (
    <>
      <h1 tabIndex={-1}>Import « {imported.fileName} »</h1>
      <p className="hint">
        {imported.lineCount} lignes, déposé le {instant(imported.createdAt)} — {STATUS[imported.status]}. <Link to="/import">Autre fichier</Link>
      </p>
      {imported.status === 'PREVIEW' && <Preview imported={imported} />}
      {imported.status === 'IMPORTING' && (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">Orientation en cours</h2>
          <p role="status" aria-live="polite">
            {imported.done} lignes traitées sur {imported.lineCount}.
          </p>
          <progress max={imported.lineCount} value={imported.done} aria-labelledby="progress-title" />
          <p className="hint">Vous pouvez quitter cette page : l’import continue, et reprend seul si le serveur redémarre.</p>
        </section>
      )}
      {imported.status === 'DONE' && <Result imported={imported} />}
      {imported.status === 'CANCELLED' && <p className="alert alert-info">Cet import a été annulé : personne n’a été orienté et le fichier a été effacé.</p>}
    </>
  );
}

function Preview({ imported }: { imported: ImportFieldsFragment }) {
  const navigate = useNavigate();
  const [{ data, fetching, error }, refresh] = useQuery({ query: ReferralImportPreviewDocument, variables: { id: imported.id }, requestPolicy: 'network-only' });
  const [{ data: operators }] = useQuery({ query: OperatorsDocument });
  const [, update] = useMutation(UpdateReferralImportDocument);
  const [{ fetching: confirming }, confirm] = useMutation(ConfirmReferralImportDocument);
  const [, cancel] = useMutation(CancelReferralImportDocument);
  const [dialog, ask] = useConfirm();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [informed, setInformed] = useState(imported.choices.informedOn ? day(imported.choices.informedOn) : '');
  const preview = data?.referralImport.preview;

  async function change(input: { columns?: { field: ImportField; column: number | null }[]; choices?: Record<string, unknown> }) {
    const answer = await update({ input: { importId: imported.id, ...input } });
    const userErrors = answer.data?.updateReferralImport.userErrors ?? [];
    setErrors(fieldErrors(userErrors));
    if (userErrors.length === 0 && !answer.error) refresh({ requestPolicy: 'network-only' });
  }

  async function go() {
    if (!preview) return;
    const operator = operators?.operators.find((candidate) => candidate.id === imported.choices.operatorId)?.name ?? 'la structure choisie';
    const yes = await ask({
      title: `Orienter ${preview.counts.toRefer} personne(s) ?`,
      consequence: `Chacune devient une orientation vers ${operator}, comme par le formulaire, et la structure en est avertie. Les lignes non éligibles sont comptées (sans nom) dans les chiffres. Cela ne s’annule pas.`,
      confirm: `Orienter ${preview.counts.toRefer} personne(s)`,
    });
    if (!yes) return;
    const answer = await confirm({ input: { importId: imported.id } });
    const userErrors = answer.data?.confirmReferralImport.userErrors ?? [];
    setErrors(fieldErrors(userErrors));
    if (userErrors.length === 0 && !answer.error) navigate(0);
  }

  async function drop() {
    const yes = await ask({ title: 'Annuler cet import ?', consequence: 'Le fichier est effacé tout de suite ; personne n’est orienté.', confirm: 'Annuler l’import' });
    if (yes && !(await cancel({ input: { importId: imported.id } })).error) navigate(0);
  }

  const operatorOptions = (operators?.operators ?? []).map((operator): [string, string] => [operator.id, operator.name]);
  const missingChoices = preview?.missingChoices ?? [];
  const ready = preview && preview.missingColumns.length === 0 && missingChoices.length === 0 && preview.counts.toRefer > 0;
  return (
    <>
      {dialog}
      <FormError messages={errors[''] ?? errors.importId} />
      {preview ? <Counts counts={preview.counts} /> : <QueryState fetching={fetching} error={error} />}
      {preview && (
        <div className="buttons">
          <button type="button" onClick={go} disabled={!ready || confirming}>
            {preview.counts.toRefer === 0 ? 'Personne à orienter' : `Orienter ${preview.counts.toRefer} personne(s)`}
          </button>
          <button type="button" className="secondary" onClick={drop}>
            Annuler l’import
          </button>
        </div>
      )}
      {(preview?.missingColumns.length ?? 0) > 0 && (
        <p className="alert alert-error" role="alert">
          Choisissez la colonne de : {imported.columns.filter((column) => preview!.missingColumns.includes(column.field)).map((column) => column.label).join(', ')}.
        </p>
      )}
      {missingChoices.length > 0 && (
        <p className="alert alert-info">Avant d’orienter : {missingChoices.map((choice) => (choice === 'operatorId' ? 'choisissez la structure' : 'indiquez le jour où les personnes ont été informées')).join(' et ')}.</p>
      )}

      <section aria-labelledby="choices-title">
        <h2 id="choices-title">Ce que le fichier ne dit pas</h2>
        <div className="filters">
          {operatorOptions.length > 1 && (
            <Select label="Structure d’accompagnement" value={imported.choices.operatorId ?? ''} empty="— choisir —" options={operatorOptions} errors={errors['choices.operatorId']} onChange={(value) => change({ choices: { operatorId: value } })} />
          )}
          <DateField
            label="Informées du traitement de leurs données le"
            value={informed}
            errors={errors['choices.informedOn']}
            onChange={(value) => {
              setInformed(value);
              const iso = parseDay(value);
              if (iso) void change({ choices: { informedOn: iso } });
            }}
          />
          <Select<RsaStatus> label="RSA, quand la ligne n’en dit rien" value={imported.choices.rsaStatus} options={Object.entries(RSA) as [RsaStatus, string][]} onChange={(value) => change({ choices: { rsaStatus: value } })} />
          <Select<EducationLevel> label="Niveau de formation" value={imported.choices.educationLevel} options={Object.entries(EDUCATION) as [EducationLevel, string][]} onChange={(value) => change({ choices: { educationLevel: value } })} />
        </div>
        <FranceTravailChoice imported={imported} errors={errors['choices.franceTravailMissingReason']} onChange={change} />
      </section>

      <details open={imported.missingColumns.length > 0}>
        <summary>Colonnes du fichier ({imported.columns.filter((column) => column.column !== null).length} reconnues) — modifier</summary>
        <p className="hint">Le choix est retenu pour les prochains fichiers de votre structure.</p>
        <div className="filters">
          {imported.columns.map((column) => (
            <Select
              key={column.field}
              label={`${column.label}${column.required ? ' (obligatoire)' : ''}`}
              value={column.column === null ? '' : String(column.column)}
              empty="— aucune colonne —"
              options={imported.headers.map((header, index): [string, string] => [String(index), header || `Colonne ${index + 1}`])}
              errors={errors.mapping && column.column === null && column.required ? errors.mapping : undefined}
              onChange={(value) => change({ columns: [{ field: column.field, column: value === '' ? null : Number(value) }] })}
            />
          ))}
        </div>
        <FormError messages={errors.mapping} />
      </details>

      {preview && <Lines lines={preview.lines} />}
    </>
  );
}

function FranceTravailChoice({ imported, errors, onChange }: { imported: ImportFieldsFragment; errors?: string[]; onChange: (input: { choices: Record<string, unknown> }) => Promise<void> }) {
  const [reason, setReason] = useState(imported.choices.franceTravailMissingReason ?? '');
  return (
    <div className="filters">
      <label>
        <input type="checkbox" checked={imported.choices.franceTravailRegistered} onChange={(event) => onChange({ choices: { franceTravailRegistered: event.target.checked } })} /> Les personnes sans n° France Travail
        y sont inscrites
      </label>
      {!imported.choices.franceTravailRegistered && (
        <TextField label="Sinon, pourquoi ne sont-elles pas inscrites ?" value={reason} errors={errors} onChange={setReason} />
      )}
      {!imported.choices.franceTravailRegistered && reason !== (imported.choices.franceTravailMissingReason ?? '') && (
        <button type="button" className="secondary" onClick={() => onChange({ choices: { franceTravailMissingReason: reason } })}>
          Enregistrer le motif
        </button>
      )}
    </div>
  );
}

type Counted = { total: number; toRefer: number; alreadyInPathway: number; notEligible: number; inError: number; duplicates: number; referred: number };

function Counts({ counts, done = false }: { counts: Counted; done?: boolean }) {
  const items: [string, number][] = [
    [done ? 'Orientées' : 'À orienter', done ? counts.referred : counts.toRefer],
    ['Déjà dans un parcours', counts.alreadyInPathway],
    ['Non éligibles', counts.notEligible],
    ['En erreur', counts.inError],
    ['En double', counts.duplicates],
  ];
  return (
    <dl className="counts" data-testid="import-counts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type LineSeen = { line: number; verdict: ImportLineVerdict; name?: string | null; knownBefore: boolean; pathwayId?: string | null; problems: { message: string }[] };

function Lines({ lines }: { lines: LineSeen[] }) {
  const [verdict, setVerdict] = useState<ImportLineVerdict | ''>('');
  const [shown, setShown] = useState(100);
  const present = (Object.keys(VERDICT) as ImportLineVerdict[]).filter((candidate) => lines.some((line) => line.verdict === candidate));
  const filtered = verdict ? lines.filter((line) => line.verdict === verdict) : lines;
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">Chaque ligne</h2>
      <div className="filters">
        <Select<ImportLineVerdict>
          label="Montrer"
          value={verdict}
          empty={`Toutes les lignes (${lines.length})`}
          options={present.map((candidate): [ImportLineVerdict, string] => [candidate, `${VERDICT[candidate]} (${lines.filter((line) => line.verdict === candidate).length})`])}
          onChange={(value) => setVerdict(value)}
        />
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Lignes du fichier">
        <table>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Personne</th>
              <th scope="col">Résultat</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {filtered.slice(0, shown).map((line) => (
              <tr key={line.line}>
                <td>{line.line}</td>
                <td>{line.name ?? (line.pathwayId ? <Link to={`/parcours/${line.pathwayId}`}>Voir le parcours</Link> : '—')}</td>
                <td>
                  {VERDICT[line.verdict]}
                  {line.knownBefore ? ' — déjà accompagné(e)' : ''}
                </td>
                <td>
                  {line.problems.map((problem) => problem.message).join(' ')}
                  {line.name && line.pathwayId && (
                    <>
                      {' '}
                      <Link to={`/parcours/${line.pathwayId}`}>Voir son parcours</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {filtered.length > shown && (
        <button type="button" className="secondary" onClick={() => setShown(shown + 500)}>
          Voir plus de lignes ({filtered.length - shown} de plus)
        </button>
      )}
    </section>
  );
}

function Result({ imported }: { imported: ImportFieldsFragment }) {
  const [{ data }] = useQuery({ query: ReferralImportPreviewDocument, variables: { id: imported.id }, requestPolicy: 'network-only' });
  const [result, fetchResult] = useQuery({ query: ReferralImportResultDocument, variables: { id: imported.id }, pause: true });
  useEffect(() => {
    const csv = result.data?.referralImport.resultCsv;
    if (!csv) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    link.download = `resultat-${imported.fileName.replace(/\.[^.]+$/, '')}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  }, [result.data, imported.fileName]);
  return (
    <>
      <p className="alert alert-success" role="status">
        Import terminé le {imported.endedAt ? instant(imported.endedAt) : ''} : {imported.counts?.referred ?? 0} personne(s) orientée(s). Le fichier a été effacé ; ce résultat reste 30 jours.
      </p>
      {imported.counts && <Counts counts={imported.counts} done />}
      <div className="buttons">
        <button type="button" onClick={() => fetchResult({ requestPolicy: 'network-only' })}>
          Télécharger le résultat (CSV)
        </button>
        <Link className="button" to="/parcours">
          Voir mes parcours
        </Link>
      </div>
      {data?.referralImport.preview && <Lines lines={data.referralImport.preview.lines} />}
    </>
  );
}
