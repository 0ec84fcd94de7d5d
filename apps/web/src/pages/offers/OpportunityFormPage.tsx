import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CommuneSearch, communeOfCode, type Commune } from '../../components/CommuneSearch';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { QueryState } from '../../components/QueryState';
import { frenchMessage } from '../../errors';
import { day, parseDay } from '../../format';
import {
  CreateOpportunityDocument,
  OpportunityDocument,
  PartnersDocument,
  UpdateOpportunityDocument,
  type ContractType,
  type OpportunityKind,
  type OpportunityQuery,
  type Qualification,
} from '../../graphql/generated';
import { CONTRACT, OPPORTUNITY, ORGANISATION_KIND, QUALIFICATION } from '../../labels';

type Offer = OpportunityQuery['opportunity'];

/** `/offres/nouvelle` and `/offres/:id/modifier`: an offer's terms (the kind is fixed once created). */
export function OpportunityFormPage() {
  const { id } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: OpportunityDocument, variables: { id: id ?? '' }, pause: !id });
  if (id && !data) return <QueryState fetching={fetching} error={error} />;
  return <OpportunityForm offer={data?.opportunity} />;
}

const number = (text: string) => (text.trim() ? Number(text.trim()) : undefined);

function OpportunityForm({ offer }: { offer?: Offer }) {
  const navigate = useNavigate();
  const [kind, setKind] = useState<OpportunityKind>(offer?.kind ?? 'JOB');
  const [partnerId, setPartnerId] = useState(offer?.partner.id ?? '');
  const [clientId, setClientId] = useState(offer?.client?.id ?? '');
  const [title, setTitle] = useState(offer?.title ?? '');
  const [romeCode, setRomeCode] = useState(offer?.romeCode ?? '');
  const [contractType, setContractType] = useState<ContractType>(offer?.contractType ?? 'CDD');
  const [commune, setCommune] = useState<Commune | null>(offer ? communeOfCode(offer.communeCode) : null);
  const [startOn, setStartOn] = useState(day(offer?.startOn));
  const [endOn, setEndOn] = useState(day(offer?.endOn));
  const [hours, setHours] = useState(offer?.hoursPerWeek?.toString() ?? '');
  const [positions, setPositions] = useState(offer?.positions?.toString() ?? '');
  const [qualification, setQualification] = useState<Qualification | ''>(offer?.qualification ?? '');
  const [level, setLevel] = useState(offer?.level?.toString() ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ data: partners }] = useQuery({ query: PartnersDocument });
  const [created, create] = useMutation(CreateOpportunityDocument);
  const [updated, update] = useMutation(UpdateOpportunityDocument);
  const training = kind === 'TRAINING';
  const all = (partners?.partners.edges ?? []).map((edge) => edge.node);
  const choices = all.filter((partner) => (training ? partner.kind === 'TRAINING_BODY' : partner.kind === 'EMPLOYER' || partner.kind === 'TEMP_AGENCY'));
  const agency = all.find((partner) => partner.id === partnerId)?.kind === 'TEMP_AGENCY';

  async function submit() {
    const local: FieldErrors = {};
    const start = parseDay(startOn);
    const end = endOn.trim() ? parseDay(endOn) : null;
    if (!start) local.startOn = [INVALID_DAY];
    if (endOn.trim() && !end) local.endOn = [INVALID_DAY];
    if (!partnerId) local.partnerId = ['Choisissez le partenaire.'];
    if (!commune) local.communeCode = ['Choisissez la commune dans la liste proposée.'];
    setErrors(local);
    if (Object.keys(local).length > 0 || !start || !commune) return;
    const terms = {
      partnerId,
      clientPartnerId: agency && clientId ? clientId : undefined,
      title: title.trim(),
      romeCode: romeCode.trim() || undefined,
      contractType: training ? undefined : contractType,
      communeCode: commune.inseeCode,
      startOn: start,
      endOn: training ? (end ?? undefined) : undefined,
      hoursPerWeek: number(hours),
      positions: training ? undefined : number(positions),
      qualification: training ? qualification || undefined : undefined,
      level: training ? number(level) : undefined,
    };
    const result = offer ? await update({ input: { opportunityId: offer.id, ...terms } }) : await create({ input: { kind, ...terms } });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const payload = result.data && ('createOpportunity' in result.data ? result.data.createOpportunity : result.data.updateOpportunity);
    if (payload?.opportunity) return navigate(`/offres/${payload.opportunity.id}`, { state: { flash: offer ? 'L’offre est modifiée.' : 'L’offre est enregistrée.' } });
    setErrors(fieldErrors(payload?.userErrors ?? []));
  }

  return (
    <>
      <h1 tabIndex={-1}>{offer ? `Modifier « ${offer.title} »` : 'Nouvelle offre'}</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormError messages={errors['']} />
        {!offer && <Select label="Type d’offre" value={kind} onChange={(value) => {
              setKind(value);
              setPartnerId('');
            }} options={Object.entries(OPPORTUNITY) as [OpportunityKind, string][]} errors={errors.kind} />}
        <Select
          label="Partenaire"
          value={partnerId}
          onChange={setPartnerId}
          options={choices.map((partner) => [partner.id, `${partner.name} (${ORGANISATION_KIND[partner.kind]})`] as [string, string])}
          empty="Choisir…"
          hint={choices.length === 0 ? 'Aucun partenaire de ce type : enregistrez-le d’abord (Partenaires).' : undefined}
          errors={errors.partnerId}
        />
        {agency && (
          <Select
            label="Entreprise cliente (facultatif)"
            value={clientId}
            onChange={setClientId}
            options={all.filter((partner) => partner.kind === 'EMPLOYER').map((partner) => [partner.id, partner.name] as [string, string])}
            empty="Aucune"
            errors={errors.clientPartnerId}
          />
        )}
        <TextField label="Intitulé" value={title} onChange={setTitle} errors={errors.title} required />
        <TextField label="Code ROME (facultatif)" hint="Par exemple K2204." value={romeCode} onChange={setRomeCode} errors={errors.romeCode} />
        {!training && <Select label="Type de contrat" value={contractType} onChange={setContractType} options={Object.entries(CONTRACT).filter(([type]) => type !== 'TRAINING') as [ContractType, string][]} errors={errors.contractType} />}
        <CommuneSearch label="Commune du poste" value={commune} onChange={setCommune} errors={errors.communeCode} />
        <DateField label="Début" value={startOn} onChange={setStartOn} errors={errors.startOn} />
        <TextField label={training ? 'Heures par semaine (facultatif)' : 'Heures par semaine'} inputMode="numeric" value={hours} onChange={setHours} errors={errors.hoursPerWeek} />
        {!training && <TextField label="Nombre de postes" inputMode="numeric" value={positions} onChange={setPositions} errors={errors.positions} />}
        {training && (
          <>
            <DateField label="Fin de la formation" value={endOn} onChange={setEndOn} errors={errors.endOn} />
            <Select label="Qualification" value={qualification} onChange={setQualification} options={Object.entries(QUALIFICATION) as [Qualification, string][]} empty="Choisir…" errors={errors.qualification} />
            <TextField label="Niveau (3 à 8, facultatif)" inputMode="numeric" value={level} onChange={setLevel} errors={errors.level} />
          </>
        )}
        <button type="submit" className="primary" disabled={created.fetching || updated.fetching}>
          {offer ? 'Enregistrer les modifications' : 'Enregistrer l’offre'}
        </button>
      </form>
      <p>
        <Link to={offer ? `/offres/${offer.id}` : '/offres'}>Annuler</Link>
      </p>
    </>
  );
}
