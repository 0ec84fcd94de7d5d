import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Form, useDone } from '../../components/actions';
import { DateField, readDay } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextArea, TextField, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { day } from '../../format';
import {
  EndPlacementDocument,
  ExitPathwayDocument,
  PartnersDocument,
  StartPlacementDocument,
  type ContractType,
  type ExitReason,
  type OrganisationKind,
  type PathwayQuery,
  type PlacementEndReason,
  type Qualification,
} from '../../graphql/generated';
import { CONTRACT, END_REASON, EXIT_REASON, OUTCOME, QUALIFICATION } from '../../labels';

export type Draft = NonNullable<PathwayQuery['pathway']['proposals'][number]['placementDraft']>;

/** Contracts made through a temp agency (its client names the employer). */
const AGENCY: ContractType[] = ['TEMP_MISSION', 'CDI_INTERIM'];

/** The partner a contract is with, by its field in StartPlacementInput. */
function partyOf(type: ContractType): { field: 'employerPartnerId' | 'tempAgencyPartnerId' | 'trainingBodyPartnerId'; kind: OrganisationKind; label: string } | null {
  if (type === 'BUSINESS_CREATION') return null;
  if (type === 'TRAINING') return { field: 'trainingBodyPartnerId', kind: 'TRAINING_BODY', label: 'Organisme de formation' };
  if (AGENCY.includes(type)) return { field: 'tempAgencyPartnerId', kind: 'TEMP_AGENCY', label: 'Agence d’intérim' };
  return { field: 'employerPartnerId', kind: 'EMPLOYER', label: 'Employeur' };
}

/** DIAGNOSED or IN_PLACEMENT: a job or a training begins (the contract's rules are the server's; its refusals come back beside their fields). */
export function StartPlacement({ pathwayId, drafts }: { pathwayId: string; drafts: { title: string; draft: Draft }[] }) {
  const [proposalId, setProposalId] = useState('');
  const [type, setType] = useState<ContractType>('CDD');
  const [partnerId, setPartnerId] = useState('');
  const [clientId, setClientId] = useState('');
  const [startOn, setStartOn] = useState('');
  const [plannedEndOn, setPlannedEndOn] = useState('');
  const [hours, setHours] = useState('');
  const [qualification, setQualification] = useState<Qualification | ''>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ data: partners }] = useQuery({ query: PartnersDocument });
  const [{ fetching }, start] = useMutation(StartPlacementDocument);
  const party = partyOf(type);
  const done = useDone();
  /** A HIRED proposal's terms fill the form; the placement then names it. */
  const fromProposal = (id: string) => {
    setProposalId(id);
    const draft = drafts.find((one) => one.draft.proposalId === id)?.draft;
    if (!draft) return;
    setType(draft.contractType);
    setPartnerId(draft.employerPartnerId ?? draft.tempAgencyPartnerId ?? draft.trainingBodyPartnerId ?? '');
    setClientId(draft.clientPartnerId ?? '');
    setStartOn(day(draft.startOn));
    setPlannedEndOn(day(draft.plannedEndOn));
    setHours(draft.hoursPerWeek?.toString() ?? '');
    setQualification(draft.qualification ?? '');
  };
  const ofKind = (kind: OrganisationKind) => (partners?.partners.edges ?? []).map((edge) => edge.node).filter((partner) => partner.kind === kind).map((partner) => [partner.id, partner.name] as [string, string]);

  async function submit() {
    const start_ = readDay(startOn, true);
    const end = readDay(plannedEndOn, false);
    const local: FieldErrors = {};
    if (start_.error) local.startOn = start_.error;
    if (end.error) local.plannedEndOn = end.error;
    if (hours.trim() && !/^\d{1,2}$/.test(hours.trim())) local.hoursPerWeek = ['Indiquez un nombre d’heures, par exemple 35.'];
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = await start({
      input: {
        pathwayId,
        proposalId: proposalId || undefined,
        contractType: type,
        startOn: start_.value!,
        plannedEndOn: end.value ?? undefined,
        hoursPerWeek: hours.trim() ? Number(hours) : undefined,
        qualification: qualification || undefined,
        ...(party && partnerId ? { [party.field]: partnerId } : {}),
        clientPartnerId: party?.kind === 'TEMP_AGENCY' && clientId ? clientId : undefined,
      },
    });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const failures = result.data?.startPlacement.userErrors ?? [];
    setErrors(fieldErrors(failures));
    if (failures.length === 0) done(`La mise en situation (${CONTRACT[type]}) est enregistrée ; le référent en est informé.`);
  }

  return (
    <Form className="panel" onSubmit={submit}>
      <h3>Démarrer une mise en situation</h3>
      <FormError messages={errors['']} />
      {drafts.length > 0 && (
        <Select
          label="À partir de la proposition (facultatif)"
          value={proposalId}
          onChange={fromProposal}
          options={drafts.map(({ title, draft }) => [draft.proposalId, `« ${title} », embauche`] as [string, string])}
          empty="Aucune"
          errors={errors.proposalId}
        />
      )}
      <Select label="Type de contrat" value={type} onChange={(value) => {
          setType(value);
          setPartnerId('');
        }} options={Object.entries(CONTRACT) as [ContractType, string][]} errors={errors.contractType} />
      {party && (
        <Select label={party.label} value={partnerId} onChange={setPartnerId} options={ofKind(party.kind)} empty="Choisir…" errors={errors[party.field]} />
      )}
      {party?.kind === 'TEMP_AGENCY' && <Select label="Entreprise cliente (facultatif)" value={clientId} onChange={setClientId} options={ofKind('EMPLOYER')} empty="Aucune" errors={errors.clientPartnerId} />}
      <DateField label="Début" value={startOn} onChange={setStartOn} errors={errors.startOn} />
      <DateField label="Fin prévue" value={plannedEndOn} onChange={setPlannedEndOn} errors={errors.plannedEndOn} />
      {type === 'TRAINING' ? (
        <Select label="Qualification" value={qualification} onChange={setQualification} options={Object.entries(QUALIFICATION) as [Qualification, string][]} empty="Choisir…" errors={errors.qualification} />
      ) : (
        <TextField label="Heures par semaine" inputMode="numeric" value={hours} onChange={setHours} errors={errors.hoursPerWeek} />
      )}
      <button type="submit" className="primary" disabled={fetching}>
        Démarrer
      </button>
    </Form>
  );
}

/** A running placement ends: the day, why (a CDD turned CDI starts the CDI the next day), and staff's own words. */
export function EndPlacement({ placement }: { placement: { id: string; contractType: ContractType; startOn: string } }) {
  const [endedOn, setEndedOn] = useState('');
  const [reason, setReason] = useState<PlacementEndReason | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, end] = useMutation(EndPlacementDocument);
  const done = useDone();
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const ended = readDay(endedOn, true);
        const local: FieldErrors = {};
        if (ended.error) local.endedOn = ended.error;
        if (!reason) local.reason = ['Choisissez un motif.'];
        setErrors(local);
        if (Object.keys(local).length > 0 || !reason) return;
        const result = await end({ input: { placementId: placement.id, endedOn: ended.value!, reason, comment: comment.trim() || undefined } });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        const failures = result.data?.endPlacement.userErrors ?? [];
        setErrors(fieldErrors(failures));
        if (failures.length === 0) done(`La fin du ${CONTRACT[placement.contractType]} est enregistrée.`);
      }}
    >
      <h3>
        Fin du {CONTRACT[placement.contractType]} commencé le {day(placement.startOn)}
      </h3>
      <FormError messages={errors['']} />
      <DateField label="Dernier jour" value={endedOn} onChange={setEndedOn} errors={errors.endedOn} />
      <Select label="Motif de fin" value={reason} onChange={setReason} options={Object.entries(END_REASON) as [PlacementEndReason, string][]} empty="Choisir…" errors={errors.reason} />
      <TextArea label="Commentaire (jamais transmis au référent)" value={comment} onChange={setComment} errors={errors.comment} />
      <button type="submit" disabled={fetching}>
        Enregistrer la fin
      </button>
    </Form>
  );
}

/** The exit: the server computes the category; it is shown (a preview, nothing written) before staff confirm. */
export function ExitPathway({ pathwayId }: { pathwayId: string }) {
  const [exitedOn, setExitedOn] = useState('');
  const [reason, setReason] = useState<ExitReason | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [{ fetching }, exit] = useMutation(ExitPathwayDocument);
  const done = useDone();

  async function send(preview: boolean) {
    const on = readDay(exitedOn, true);
    const local: FieldErrors = {};
    if (on.error) local.exitedOn = on.error;
    if (!reason) local.reason = ['Choisissez un motif.'];
    setErrors(local);
    if (Object.keys(local).length > 0 || !reason) return;
    const result = await exit({ input: { pathwayId, exitedOn: on.value!, reason, comment: comment.trim() || undefined, preview } });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const payload = result.data?.exitPathway;
    setErrors(fieldErrors(payload?.userErrors ?? []));
    setPreviewed(preview && payload?.outcome ? payload.outcome.category : null);
    if (!preview && payload?.userErrors.length === 0) done('La sortie est enregistrée ; le référent en est informé.');
  }
  const edited = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPreviewed(null);
  };

  return (
    <Form className="panel" onSubmit={() => send(previewed === null)}>
      <h3>Sortie du dispositif</h3>
      <p>La catégorie de sortie est calculée d’après les mises en situation ; elle s’affiche avant que vous confirmiez.</p>
      <FormError messages={errors['']} />
      <DateField label="Jour de sortie" value={exitedOn} onChange={edited(setExitedOn)} errors={errors.exitedOn} />
      <Select label="Motif de sortie" value={reason} onChange={edited((value) => setReason(value as ExitReason))} options={Object.entries(EXIT_REASON) as [ExitReason, string][]} empty="Choisir…" errors={errors.reason} />
      <TextArea label="Commentaire (jamais transmis au référent)" value={comment} onChange={edited(setComment)} errors={errors.comment} />
      {previewed && (
        <p className="alert alert-info" role="status">
          Catégorie de sortie calculée : <strong>{OUTCOME[previewed as keyof typeof OUTCOME]}</strong>. Confirmez pour enregistrer la sortie.
        </p>
      )}
      <button type="submit" className="primary" disabled={fetching}>
        {previewed ? 'Confirmer la sortie' : 'Voir la catégorie de sortie'}
      </button>
    </Form>
  );
}
