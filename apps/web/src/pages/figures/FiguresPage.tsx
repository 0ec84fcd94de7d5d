import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../../auth';
import { DateField, readDay } from '../../components/DateField';
import { errorCode, FormError, Select, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { day, today } from '../../format';
import { ConventionsDocument, CreateOutcomeExportLinkDocument, OutcomeReportDocument, type OutcomeDimension, type OutcomeReportInput, type OutcomeReportQuery } from '../../graphql/generated';
import { FiguresChart } from './FiguresChart';

type Report = OutcomeReportQuery['outcomeReport'];
type Figures = Report['rows'][number]['figures'];
type Figure = Figures['referrals'];

/** The figures shown, in their order: the report's own names, in French. */
export const SHOWN: [keyof Omit<Figures, '__typename'>, string][] = [
  ['referrals', 'Orientations'],
  ['accepted', 'Acceptées'],
  ['diagnosed', 'Diagnostics'],
  ['placements', 'Mises en situation'],
  ['exits', 'Sorties'],
  ['exits_DURABLE_EMPLOYMENT', 'dont emploi durable'],
  ['exits_TRANSITIONAL_EMPLOYMENT', 'dont emploi de transition'],
  ['exits_POSITIVE_EXIT', 'dont sortie positive'],
  ['dynamicExitRate', 'Taux de sorties dynamiques'],
];

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** 2026-03 → mars 2026. */
export function monthName(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1]} ${year}`;
}

/** A figure as a person reads it: "< 5" when suppressed, a rate as a percentage. */
export function shown(figure: Figure, rate = false): string {
  if (figure.suppressed) return '< 5';
  if (figure.value === null || figure.value === undefined) return '–';
  return rate ? `${Math.round(figure.value * 100)} %` : String(figure.value);
}

/** The last twelve whole months before today's (Paris), as the form shows them: [from, to] as JJ/MM/AAAA. */
export function lastTwelveMonths(on = today()): [string, string] {
  const [year, month] = on.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 13, 1));
  const end = new Date(Date.UTC(year, month - 1, 0));
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return [day(iso(start)), day(iso(end))];
}

/**
 * `/chiffres` (MANAGER, FUNDER, ADMIN): the outcome report for a period or a convention, by month or
 * by prescriber, as a table and as a chart of that table; cells of fewer than 5 people suppressed for
 * a funder (shown "< 5", explained); the CSV of the same figures.
 */
export function FiguresPage() {
  const me = useMe();
  const funder = me.role === 'FUNDER';
  const [{ data: conventions }] = useQuery({ query: ConventionsDocument });
  const [conventionId, setConventionId] = useState('');
  // A period to start from: the last twelve whole months.
  const [from, setFrom] = useState(() => lastTwelveMonths()[0]);
  const [to, setTo] = useState(() => lastTwelveMonths()[1]);
  // A funder with one convention has nothing to choose.
  const only = funder && conventions?.conventions.length === 1 ? conventions.conventions[0].id : null;
  useEffect(() => {
    if (only) setConventionId((current) => current || only);
  }, [only]);
  const [groupBy, setGroupBy] = useState<OutcomeDimension>('MONTH');
  const [asked, setAsked] = useState<OutcomeReportInput | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ data, fetching, error }] = useQuery({ query: OutcomeReportDocument, variables: { input: asked! }, pause: !asked });
  const [exporting, exportLink] = useMutation(CreateOutcomeExportLinkDocument);
  const report = data?.outcomeReport;

  function submit() {
    const local: FieldErrors = {};
    const input: OutcomeReportInput = { groupBy: [groupBy] };
    if (conventionId) input.conventionId = conventionId;
    else {
      const start = readDay(from, true);
      const end = readDay(to, true);
      if (start.error) local.from = start.error;
      if (end.error) local.to = end.error;
      if (start.value && end.value) Object.assign(input, { from: start.value, to: end.value });
    }
    if (funder && !conventionId) local.conventionId = ['Choisissez une convention.'];
    setErrors(local);
    if (Object.keys(local).length === 0) setAsked(input);
  }

  async function download() {
    if (!asked) return;
    const result = await exportLink({ input: asked });
    const path = result.data?.createOutcomeExportLink.link?.path;
    if (path) window.location.assign(path);
  }

  return (
    <div className="figures-page">
      <h1 tabIndex={-1}>Chiffres</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Select
          label="Convention"
          value={conventionId}
          onChange={setConventionId}
          options={(conventions?.conventions ?? []).map((convention) => [convention.id, `${convention.title} (du ${day(convention.startOn)} au ${day(convention.endOn)})`] as [string, string])}
          empty={funder ? 'Choisir…' : 'Aucune : une période'}
          errors={errors.conventionId}
        />
        {!conventionId && !funder && (
          <>
            <DateField label="Du" value={from} onChange={setFrom} errors={errors.from} />
            <DateField label="Au" value={to} onChange={setTo} errors={errors.to} />
          </>
        )}
        <Select
          label="Regrouper"
          value={groupBy}
          onChange={setGroupBy}
          options={[
            ['MONTH', 'Par mois'],
            ['PRESCRIBER', 'Par prescripteur'],
          ]}
        />
        <button type="submit" className="primary" disabled={fetching}>
          Afficher les chiffres
        </button>
      </form>
      <FormError messages={error ? [frenchMessage(errorCode(error)!, error.graphQLErrors[0]?.message)] : undefined} />
      {report && (
        <Results
          report={report}
          target={conventions?.conventions.find((convention) => convention.id === report.convention?.id)?.targetParticipants ?? null}
          onDownload={() => void download()}
          downloading={exporting.fetching}
        />
      )}
    </div>
  );
}

/** Whether a row shows anything but zeros and dashes (the row without a month often holds nothing). */
function holdsSomething(figures: Figures): boolean {
  return SHOWN.some(([key]) => figures[key].suppressed || (figures[key].value ?? 0) !== 0);
}

/** What a manager or a funder looks for first: the people accompanied beside the convention's target, the exits, the dynamic exit rate. */
function Headline({ report, target }: { report: Report; target: number | null }) {
  const total = report.total.figures;
  const people = total.participantsOpen;
  const share = target && !people.suppressed && people.value !== null && people.value !== undefined ? ` (${Math.round((people.value / target) * 100)} % de l’objectif)` : '';
  return (
    <dl className="headline" aria-label="L’essentiel">
      {target !== null && (
        <div>
          <dt>Personnes accompagnées, objectif de la convention</dt>
          <dd>
            <strong data-testid="headline-achieved">{shown(people)}</strong> sur <strong data-testid="headline-target">{target}</strong>
            {share}
          </dd>
        </div>
      )}
      <div>
        <dt>Orientations</dt>
        <dd>
          <strong>{shown(total.referrals)}</strong>
        </dd>
      </div>
      <div>
        <dt>Sorties</dt>
        <dd>
          <strong>{shown(total.exits)}</strong>
        </dd>
      </div>
      <div>
        <dt>Taux de sorties dynamiques</dt>
        <dd>
          <strong data-testid="headline-rate">{shown(total.dynamicExitRate, true)}</strong>
        </dd>
      </div>
    </dl>
  );
}

function Results({ report, target, onDownload, downloading }: { report: Report; target: number | null; onDownload: () => void; downloading: boolean }) {
  const byMonth = report.groupBy.includes('MONTH');
  // Figures that have no day of their own (the convention's target, the people in the programme) come in a row without a month.
  const label = (row: Report['rows'][number]) => (byMonth ? (row.month ? monthName(row.month) : 'Sans mois (chiffres de toute la période)') : (row.prescriber?.name ?? 'Sans prescripteur'));
  const caption = `${report.convention ? `Convention « ${report.convention.title} », ` : ''}du ${day(report.from)} au ${day(report.to)}, ${byMonth ? 'par mois' : 'par prescripteur'}`;
  return (
    <section aria-labelledby="resultats">
      <h2 id="resultats">Résultats</h2>
      <Headline report={report} target={target} />
      {report.suppressionApplied && (
        <p className="alert alert-info">
          « &lt; 5 » : moins de 5 personnes. Ces cases (et celles qui permettraient de les retrouver par différence) sont masquées, pour qu’aucune personne ne
          puisse être reconnue.
        </p>
      )}
      <FiguresChart rows={report.rows.filter((row) => !byMonth || row.month).map((row) => ({ label: label(row), figures: row.figures }))} title={caption} />
      {/* Focusable, so that a keyboard can scroll a table wider than the screen. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tableau des chiffres">
        <table className="figures">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{byMonth ? 'Mois' : 'Prescripteur'}</th>
              {SHOWN.map(([key, name]) => (
                <th key={key} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.filter((row) => !byMonth || row.month || holdsSomething(row.figures)).map((row) => (
              <tr key={label(row)}>
                <th scope="row">{label(row)}</th>
                {SHOWN.map(([key]) => (
                  <td key={key}>{shown(row.figures[key], key === 'dynamicExitRate')}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              {SHOWN.map(([key]) => (
                <td key={key}>{shown(report.total.figures[key], key === 'dynamicExitRate')}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" onClick={onDownload} disabled={downloading}>
          Télécharger ces chiffres (CSV)
        </button>
      </p>
    </section>
  );
}
