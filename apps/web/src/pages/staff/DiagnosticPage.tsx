import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Form } from '../../components/actions';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextArea, TextField, type FieldErrors } from '../../components/forms';
import { QueryState } from '../../components/QueryState';
import { frenchMessage } from '../../errors';
import { day, fullName, parseDay } from '../../format';
import {
  CorrectDiagnosticDocument,
  PathwayDocument,
  RecordDiagnosticDocument,
  type AssessmentStatus,
  type BarrierTheme,
  type ContractType,
  type PathwayQuery,
  type Readiness,
  type WorkingTime,
} from '../../graphql/generated';
import { ASSESSMENT, BARRIER, CONTRACT, READINESS, WORKING_TIME } from '../../labels';

/** The nine themes, in the order the form shows them (and sends them: an error's index is one of these). */
const THEMES = Object.keys(BARRIER) as BarrierTheme[];
const STATUSES: AssessmentStatus[] = ['PRESENT', 'LIFTED', 'NOT_DISCUSSED'];
/** The contracts a person may look for (a training is an offer kind, not a wish here). */
const WISHES: ContractType[] = ['CDI', 'CDD', 'TEMP_MISSION', 'CDDI', 'CDI_INCLUSION'];

interface Assessment {
  status: AssessmentStatus;
  blocking: boolean;
  note: string;
}

type Diagnostic = NonNullable<PathwayQuery['pathway']['diagnostic']>;

/** "Agent de propreté (K2204)" per line → { title, romeCode }; the code in brackets is optional. */
function parseJobs(text: string): { title: string; romeCode?: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(.*?)\s*\(([A-Z]\d{4})\)$/.exec(line);
      return match ? { title: match[1], romeCode: match[2] } : { title: line };
    });
}

function initialAssessments(diagnostic: Diagnostic | null | undefined): Record<BarrierTheme, Assessment> {
  return Object.fromEntries(
    THEMES.map((theme) => {
      const found = diagnostic?.assessments.find((assessment) => assessment.theme === theme);
      return [theme, { status: found?.status ?? 'NOT_DISCUSSED', blocking: found?.blocking ?? false, note: found?.note ?? '' }];
    }),
  ) as Record<BarrierTheme, Assessment>;
}

/**
 * The diagnostic interview's form (`/parcours/:id/diagnostic`): the nine barrier themes (status,
 * blocking flag, note; JUSTICE's note is its written justification), the project, the readiness and
 * the summary written for the referent. Records the planned interview's diagnostic, or corrects the
 * recorded one.
 */
export function DiagnosticPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: PathwayDocument, variables: { id } });
  const pathway = data?.pathway;
  if (!pathway) return <QueryState fetching={fetching} error={error} />;
  const planned = pathway.appointments.find((appointment) => appointment.status === 'PLANNED');
  if (!pathway.diagnostic && !planned) {
    return (
      <>
        <h1 tabIndex={-1}>Diagnostic de {fullName(pathway.participant)}</h1>
        <p>Aucun entretien de diagnostic n’est prévu pour ce parcours : planifiez-le d’abord.</p>
        <p>
          <Link to={`/parcours/${pathway.id}`}>Retour au parcours</Link>
        </p>
      </>
    );
  }
  return <DiagnosticForm pathwayId={pathway.id} person={fullName(pathway.participant)} diagnostic={pathway.diagnostic} appointmentId={planned?.id} />;
}

function DiagnosticForm({ pathwayId, person, diagnostic, appointmentId }: { pathwayId: string; person: string; diagnostic: Diagnostic | null | undefined; appointmentId?: string }) {
  const navigate = useNavigate();
  const correcting = Boolean(diagnostic);
  const [assessments, setAssessments] = useState(() => initialAssessments(diagnostic));
  const [jobs, setJobs] = useState(() => (diagnostic?.targetJobs ?? []).map((job) => (job.romeCode ? `${job.title} (${job.romeCode})` : job.title)).join('\n'));
  const [contracts, setContracts] = useState<ContractType[]>(() => diagnostic?.contractTypes ?? []);
  const [workingTime, setWorkingTime] = useState<WorkingTime>(diagnostic?.workingTime ?? 'EITHER');
  const [radius, setRadius] = useState(diagnostic?.mobilityRadiusKm?.toString() ?? '');
  const [availableFrom, setAvailableFrom] = useState(day(diagnostic?.availableFrom));
  const [strengths, setStrengths] = useState(diagnostic?.strengths ?? '');
  const [readiness, setReadiness] = useState<Readiness | ''>(diagnostic?.readiness ?? '');
  const [summary, setSummary] = useState(diagnostic?.summary ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [recorded, record] = useMutation(RecordDiagnosticDocument);
  const [corrected, correct] = useMutation(CorrectDiagnosticDocument);
  const change = (theme: BarrierTheme, values: Partial<Assessment>) => setAssessments((all) => ({ ...all, [theme]: { ...all[theme], ...values } }));

  async function submit() {
    const local: FieldErrors = {};
    const from = availableFrom.trim() ? parseDay(availableFrom) : null;
    if (availableFrom.trim() && !from) local.availableFrom = [INVALID_DAY];
    if (radius.trim() && !/^\d{1,3}$/.test(radius.trim())) local.mobilityRadiusKm = ['Indiquez un nombre de kilomètres, par exemple 20.'];
    if (!readiness) local.readiness = ['Choisissez une conclusion.'];
    if (!summary.trim()) local.summary = ['La synthèse pour le référent est obligatoire.'];
    setErrors(local);
    if (Object.keys(local).length > 0 || !readiness) return;
    const findings = {
      assessments: THEMES.map((theme) => ({ theme, status: assessments[theme].status, blocking: assessments[theme].blocking, note: assessments[theme].note.trim() || undefined })),
      targetJobs: parseJobs(jobs),
      contractTypes: contracts,
      workingTime,
      mobilityRadiusKm: radius.trim() ? Number(radius) : undefined,
      availableFrom: from ?? undefined,
      strengths: strengths.trim() || undefined,
      readiness,
      summary: summary.trim(),
    };
    const result = diagnostic ? await correct({ input: { diagnosticId: diagnostic.id, ...findings } }) : await record({ input: { appointmentId: appointmentId!, ...findings } });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const payload = result.data && ('recordDiagnostic' in result.data ? result.data.recordDiagnostic : result.data.correctDiagnostic);
    if (payload?.diagnostic) {
      navigate(`/parcours/${pathwayId}`, { state: { flash: correcting ? 'Le diagnostic est corrigé ; le référent en reçoit le compte rendu, marqué comme correction.' : 'Le diagnostic est enregistré ; le référent en reçoit le compte rendu.' } });
      return;
    }
    setErrors(fieldErrors(payload?.userErrors ?? []));
  }

  return (
    <>
      <h1 tabIndex={-1}>
        {correcting ? 'Corriger le diagnostic' : 'Diagnostic'} de {person}
      </h1>
      <p>
        Le référent reçoit la conclusion, la synthèse et, pour chaque frein abordé, s’il est bloquant ; jamais les notes, jamais ce qui touche à la justice.{' '}
        <Link to={`/parcours/${pathwayId}`}>Retour au parcours</Link>
      </p>
      <Form onSubmit={submit}>
        <FormError messages={errors[''] ?? errors.assessments} />
        <h2>Freins</h2>
        {THEMES.map((theme, index) => (
          <fieldset key={theme} className="assessment">
            <legend>{BARRIER[theme]}</legend>
            <div className="options-row">
              {STATUSES.map((status) => (
                <label key={status} className="choice">
                  <input type="radio" name={`status-${theme}`} value={status} checked={assessments[theme].status === status} onChange={() => change(theme, { status })} /> {ASSESSMENT[status]}
                </label>
              ))}
              <label className="choice">
                <input type="checkbox" checked={assessments[theme].blocking} onChange={(event) => change(theme, { blocking: event.target.checked })} /> Bloquant
              </label>
            </div>
            <TextArea
              label={theme === 'JUSTICE' ? 'Justification écrite (Justice)' : `Note : ${BARRIER[theme]}`}
              hint={theme === 'JUSTICE' ? 'Obligatoire si ce frein est abordé. Reste dans la structure.' : theme === 'HEALTH' ? 'Limites fonctionnelles déclarées seulement, jamais un diagnostic médical. Reste dans la structure.' : undefined}
              value={assessments[theme].note}
              onChange={(note) => change(theme, { note })}
              errors={errors[`assessments.${index}.note`]}
            />
          </fieldset>
        ))}
        <h2>Projet</h2>
        <TextArea label="Métiers visés" hint="Un par ligne, avec le code ROME entre parenthèses si vous le connaissez : Agent de propreté (K2204)." value={jobs} onChange={setJobs} errors={errors.targetJobs} />
        <fieldset>
          <legend>Contrats recherchés</legend>
          <ul className="checks">
            {WISHES.map((type) => (
              <li key={type}>
                <label className="choice">
                  <input type="checkbox" checked={contracts.includes(type)} onChange={(event) => setContracts((all) => (event.target.checked ? [...all, type] : all.filter((one) => one !== type)))} /> {CONTRACT[type]}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Select label="Temps de travail" value={workingTime} onChange={setWorkingTime} options={Object.entries(WORKING_TIME) as [WorkingTime, string][]} errors={errors.workingTime} />
        <TextField label="Mobilité (km, facultatif)" inputMode="numeric" value={radius} onChange={setRadius} errors={errors.mobilityRadiusKm} />
        <DateField label="Disponible à partir du (facultatif)" value={availableFrom} onChange={setAvailableFrom} errors={errors.availableFrom} />
        <TextArea label="Points forts (facultatif)" value={strengths} onChange={setStrengths} errors={errors.strengths} />
        <h2>Conclusion</h2>
        <Select label="Conclusion" value={readiness} onChange={setReadiness} options={Object.entries(READINESS) as [Readiness, string][]} empty="Choisir…" errors={errors.readiness} />
        <TextArea label="Synthèse pour le référent" hint="Ce que le référent lit dans son compte rendu." value={summary} onChange={setSummary} errors={errors.summary} />
        <button type="submit" className="primary" disabled={recorded.fetching || corrected.fetching}>
          {correcting ? 'Enregistrer la correction' : 'Enregistrer le diagnostic'}
        </button>
      </Form>
    </>
  );
}
