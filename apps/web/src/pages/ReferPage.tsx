import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CommuneSearch, type Commune } from '../components/CommuneSearch';
import { DateField } from '../components/DateField';
import { Field, fieldErrors, FormError, Select, TextArea, TextField, errorCode, type FieldErrors } from '../components/forms';
import { frenchMessage } from '../errors';
import { day, parseDay, today } from '../format';
import { OperatorsDocument, ReferParticipantDocument, type BarrierTheme, type EducationLevel, type MessageChannel, type RsaStatus, type Sex } from '../graphql/generated';
import { BARRIER, EDUCATION, RSA, SEX } from '../labels';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Form {
  lastName: string;
  firstNames: string;
  birthDate: string;
  sex: Sex | '';
  addressLine: string;
  postalCode: string;
  email: string;
  phone: string;
  educationLevel: EducationLevel | '';
  rsaStatus: RsaStatus | '';
  franceTravailRegistered: boolean;
  franceTravailId: string;
  franceTravailMissingReason: string;
  informedOn: string;
  operatorId: string;
  barriers: BarrierTheme[];
  justiceJustification: string;
  messageConsent: MessageChannel[];
}

const EMPTY: Form = {
  lastName: '',
  firstNames: '',
  birthDate: '',
  sex: '',
  addressLine: '',
  postalCode: '',
  email: '',
  phone: '',
  educationLevel: '',
  rsaStatus: '',
  franceTravailRegistered: false,
  franceTravailId: '',
  franceTravailMissingReason: '',
  informedOn: day(today()),
  operatorId: '',
  barriers: [],
  justiceJustification: '',
  messageConsent: [],
};

const REQUIRED = 'Ce champ est obligatoire.';

/** The channels a person may agree to, as the form asks. */
const CONSENT: Record<MessageChannel, string> = { SMS: 'par SMS (sur son portable)', EMAIL: 'par e-mail' };

/**
 * What the form itself refuses before sending, all at once: what is missing, days that do not
 * exist or are in the future. Eligibility is the server's to judge (an ineligible referral it
 * refuses is counted, anonymously, in the figures): its answer holds every remaining problem, the
 * fields' and the unmet conditions, in one round.
 */
function checkLocally(form: Form, commune: Commune | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, text] of [
    ['person.birthDate', form.birthDate],
    ['person.informedOn', form.informedOn],
  ] as const) {
    if (!text.trim()) errors[key] = [REQUIRED];
    else if (!parseDay(text)) errors[key] = [`« ${text} » n’est pas une date qui existe : écrivez-la JJ/MM/AAAA.`];
  }
  // Days the server would refuse: a birth in the future, information given after today.
  const born = parseDay(form.birthDate);
  if (born && born > today()) errors['person.birthDate'] = ['La date de naissance ne peut pas être dans le futur.'];
  const informed = parseDay(form.informedOn);
  if (informed && informed > today()) errors['person.informedOn'] = ['Cette date ne peut pas être dans le futur.'];
  for (const [key, text] of [
    ['person.lastName', form.lastName],
    ['person.firstNames', form.firstNames],
    ['person.addressLine', form.addressLine],
  ] as const) {
    if (!text.trim()) errors[key] = [REQUIRED];
  }
  if (!commune) errors['person.communeCode'] = ['Choisissez la commune dans la liste.'];
  if (!form.educationLevel) errors['person.educationLevel'] = [REQUIRED];
  if (!form.rsaStatus) errors['person.rsaStatus'] = [REQUIRED];
  if (!form.operatorId) errors.operatorId = [REQUIRED];
  if (!form.franceTravailRegistered && !form.franceTravailMissingReason.trim()) errors['person.franceTravailMissingReason'] = [REQUIRED];
  if (form.barriers.includes('JUSTICE') && !form.justiceJustification.trim()) errors.justiceJustification = [frenchMessage('JUSTIFICATION_REQUIRED')];
  // Whether the number is a mobile is the server's to say; a consent with nowhere to send, the form's.
  const consent = [form.messageConsent.includes('SMS') && !form.phone.trim() && frenchMessage('SMS_NEEDS_MOBILE'), form.messageConsent.includes('EMAIL') && !form.email.trim() && frenchMessage('CONSENT_NEEDS_EMAIL')];
  if (consent.some(Boolean)) errors.messageConsent = consent.filter((message): message is string => Boolean(message));
  return errors;
}

export function ReferPage() {
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(EMPTY);
  const [commune, setCommune] = useState<Commune | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [openPathway, setOpenPathway] = useState<string | null | undefined>(undefined);
  const [{ data: operators }] = useQuery({ query: OperatorsDocument });
  const [{ fetching }, refer] = useMutation(ReferParticipantDocument);
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));
  const operatorOptions = (operators?.operators ?? []).map((operator): [string, string] => [operator.id, operator.name]);
  const operatorId = form.operatorId || (operatorOptions.length === 1 ? operatorOptions[0][0] : '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOpenPathway(undefined);
    const local = checkLocally({ ...form, operatorId }, commune);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const postalCode = form.postalCode || commune!.postalCodes[0];
    const result = await refer({
      input: {
        operatorId,
        barriers: form.barriers,
        justiceJustification: form.barriers.includes('JUSTICE') ? form.justiceJustification : undefined,
        messageConsent: form.messageConsent,
        person: {
          lastName: form.lastName,
          firstNames: form.firstNames,
          birthDate: parseDay(form.birthDate)!,
          sex: form.sex || undefined,
          addressLine: form.addressLine,
          communeCode: commune!.inseeCode,
          postalCode,
          email: form.email.trim() || undefined,
          phone: form.phone.trim() || undefined,
          educationLevel: form.educationLevel as EducationLevel,
          rsaStatus: form.rsaStatus as RsaStatus,
          franceTravailRegistered: form.franceTravailRegistered,
          franceTravailId: form.franceTravailRegistered ? form.franceTravailId.trim() || undefined : undefined,
          franceTravailMissingReason: form.franceTravailRegistered ? undefined : form.franceTravailMissingReason.trim() || undefined,
          informedOn: parseDay(form.informedOn)!,
        },
      },
    });
    const payload = result.data?.referParticipant;
    if (payload?.pathway) {
      navigate(`/parcours/${payload.pathway.id}`, { state: { flash: 'L’orientation a été envoyée à la structure.' } });
      return;
    }
    const userErrors = payload?.userErrors ?? [];
    const open = userErrors.find((error) => error.code === 'OPEN_PATHWAY_EXISTS');
    setOpenPathway(open ? (UUID.exec(open.message)?.[0] ?? null) : undefined);
    setErrors(userErrors.length > 0 ? fieldErrors(userErrors.filter((error) => error.code !== 'OPEN_PATHWAY_EXISTS')) : { '': [frenchMessage(errorCode(result.error) ?? 'INTERNAL_SERVER_ERROR')] });
  }

  const toggleConsent = (channel: MessageChannel) =>
    setForm((current) => ({ ...current, messageConsent: current.messageConsent.includes(channel) ? current.messageConsent.filter((one) => one !== channel) : [...current.messageConsent, channel] }));
  const toggleBarrier = (theme: BarrierTheme) =>
    setForm((current) => ({ ...current, barriers: current.barriers.includes(theme) ? current.barriers.filter((one) => one !== theme) : [...current.barriers, theme] }));
  const errorCount = Object.values(errors).flat().length;

  return (
    <>
      <h1 tabIndex={-1}>Orienter une personne</h1>
      <p>
        La personne doit résider sur le territoire de Saint-Étienne Métropole, et percevoir le RSA ou rencontrer au moins un frein à l’emploi. Elle doit avoir été
        informée du partage de ses données.
      </p>
      <p className="hint">Tous les champs sont obligatoires, sauf ceux marqués « facultatif ».</p>
      <form onSubmit={submit} noValidate aria-describedby="refer-errors">
        <div id="refer-errors">
          {errorCount > 0 && (
            <p className="alert alert-error" role="alert">
              L’orientation n’a pas été envoyée : {errorCount === 1 ? 'un point est à corriger' : `${errorCount} points sont à corriger`}, indiqué
              {errorCount === 1 ? '' : 's'} à côté des champs.
            </p>
          )}
          {openPathway !== undefined && (
            <div className="alert alert-error" role="alert">
              <p>{frenchMessage('OPEN_PATHWAY_EXISTS')}</p>
              {openPathway ? (
                <p>
                  Vous la suivez déjà : <Link to={`/parcours/${openPathway}`}>voir son parcours</Link>.
                </p>
              ) : (
                <p>Elle est suivie par un autre référent : rapprochez-vous de la structure pour savoir où en est son parcours.</p>
              )}
            </div>
          )}
          <FormError messages={errors['']} />
        </div>
        <fieldset>
          <legend>La personne</legend>
          <TextField label="Nom" autoComplete="off" value={form.lastName} onChange={set('lastName')} errors={errors['person.lastName']} />
          <TextField label="Prénoms" autoComplete="off" value={form.firstNames} onChange={set('firstNames')} errors={errors['person.firstNames']} />
          <DateField label="Date de naissance" value={form.birthDate} onChange={set('birthDate')} errors={errors['person.birthDate']} />
          <Select label="Sexe (facultatif)" value={form.sex} onChange={set('sex')} options={Object.entries(SEX) as [Sex, string][]} empty="Non précisé" errors={errors['person.sex']} />
          <Select
            label="Niveau de formation"
            value={form.educationLevel}
            onChange={set('educationLevel')}
            options={Object.entries(EDUCATION) as [EducationLevel, string][]}
            empty="Choisir…"
            errors={errors['person.educationLevel']}
          />
        </fieldset>
        <fieldset>
          <legend>Adresse et contact</legend>
          <TextField label="Adresse" autoComplete="off" value={form.addressLine} onChange={set('addressLine')} errors={errors['person.addressLine']} />
          <CommuneSearch
            value={commune}
            onChange={(chosen) => {
              setCommune(chosen);
              setForm((current) => ({ ...current, postalCode: chosen?.postalCodes[0] ?? '' }));
            }}
            errors={errors['person.communeCode']}
          />
          {commune && commune.postalCodes.length > 1 && (
            <Select
              label="Code postal"
              value={form.postalCode}
              onChange={set('postalCode')}
              options={commune.postalCodes.map((code): [string, string] => [code, code])}
              errors={errors['person.postalCode']}
            />
          )}
          <TextField label="Adresse e-mail (facultatif)" type="email" autoComplete="off" value={form.email} onChange={set('email')} errors={errors['person.email']} />
          <TextField label="Téléphone (facultatif)" type="tel" autoComplete="off" value={form.phone} onChange={set('phone')} errors={errors['person.phone']} />
          <div role="group" aria-labelledby="consent-legend" aria-describedby={errors.messageConsent ? 'consent-error' : undefined} className={errors.messageConsent ? 'field field-error' : 'field'}>
            <p id="consent-legend">La personne accepte de recevoir ses convocations et rappels :</p>
            {(Object.entries(CONSENT) as [MessageChannel, string][]).map(([channel, label]) => (
              <div key={channel}>
                <input id={`consent-${channel}`} type="checkbox" checked={form.messageConsent.includes(channel)} onChange={() => toggleConsent(channel)} />
                <label htmlFor={`consent-${channel}`} className="inline">
                  {label}
                </label>
              </div>
            ))}
            {errors.messageConsent && (
              <p id="consent-error" className="error">
                {errors.messageConsent.join(' ')}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Situation</legend>
          <Select label="RSA" value={form.rsaStatus} onChange={set('rsaStatus')} options={Object.entries(RSA) as [RsaStatus, string][]} empty="Choisir…" errors={errors['person.rsaStatus']} />
          <div className="field">
            <input id="ft-registered" type="checkbox" checked={form.franceTravailRegistered} onChange={(event) => set('franceTravailRegistered')(event.target.checked)} />
            <label htmlFor="ft-registered" className="inline">
              La personne est inscrite à France Travail
            </label>
          </div>
          {form.franceTravailRegistered ? (
            <TextField label="Identifiant France Travail (facultatif)" value={form.franceTravailId} onChange={set('franceTravailId')} errors={errors['person.franceTravailId']} />
          ) : (
            <TextField
              label="Pourquoi n’est-elle pas inscrite à France Travail ?"
              value={form.franceTravailMissingReason}
              onChange={set('franceTravailMissingReason')}
              errors={errors['person.franceTravailMissingReason']}
            />
          )}
        </fieldset>
        <fieldset aria-describedby={errors.barriers ? 'barriers-error' : undefined} className={errors.barriers ? 'field-error' : undefined}>
          <legend>Freins à l’emploi déclarés</legend>
          {errors.barriers && (
            <p className="error" id="barriers-error">
              {errors.barriers.join(' ')}
            </p>
          )}
          <ul className="checks">
            {(Object.entries(BARRIER) as [BarrierTheme, string][]).map(([theme, label]) => (
              <li key={theme}>
                <input id={`barrier-${theme}`} type="checkbox" checked={form.barriers.includes(theme)} onChange={() => toggleBarrier(theme)} />
                <label htmlFor={`barrier-${theme}`} className="inline">
                  {label}
                </label>
              </li>
            ))}
          </ul>
          {form.barriers.includes('JUSTICE') && (
            <TextArea
              label="Justification du frein « Justice »"
              hint="Obligatoire : ce qui rend ce frein nécessaire à l’accompagnement, sans détail sur la procédure."
              value={form.justiceJustification}
              onChange={set('justiceJustification')}
              errors={errors.justiceJustification}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Orientation</legend>
          {operatorOptions.length > 1 ? (
            <Select label="Structure d’accompagnement" value={form.operatorId} onChange={set('operatorId')} options={operatorOptions} empty="Choisir…" errors={errors.operatorId} />
          ) : (
            <Field label="Structure d’accompagnement" errors={errors.operatorId}>
              {(props) => <input {...props} type="text" readOnly value={operatorOptions[0]?.[1] ?? ''} />}
            </Field>
          )}
          <DateField label="Personne informée du partage de ses données le" value={form.informedOn} onChange={set('informedOn')} errors={errors['person.informedOn']} />
        </fieldset>
        <button type="submit" className="primary" disabled={fetching}>
          Envoyer l’orientation
        </button>
      </form>
    </>
  );
}
