import { useState } from 'react';
import { useMutation } from 'urql';
import { Form, useDone } from '../../components/actions';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, TextField, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { day, parseDay } from '../../format';
import { CorrectPlacementDocument, UpdateParticipantDocument, type ContractType } from '../../graphql/generated';
import { CONTRACT } from '../../labels';

interface Person {
  id: string;
  firstNames: string;
  lastName: string;
  birthDate: string | null;
  addressLine: string;
  postalCode: string;
  phone?: string | null;
  email?: string | null;
}

/** A person's identity and contact details corrected (through an open pathway; recorded in its history). */
export function CorrectPerson({ person }: { person: Person }) {
  const [lastName, setLastName] = useState(person.lastName);
  const [firstNames, setFirstNames] = useState(person.firstNames);
  const [birthDate, setBirthDate] = useState(day(person.birthDate));
  const [addressLine, setAddressLine] = useState(person.addressLine);
  const [postalCode, setPostalCode] = useState(person.postalCode);
  const [phone, setPhone] = useState(person.phone ?? '');
  const [email, setEmail] = useState(person.email ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = useDone();
  const [{ fetching }, update] = useMutation(UpdateParticipantDocument);
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const born = parseDay(birthDate);
        if (!born) return setErrors({ birthDate: [INVALID_DAY] });
        const result = await update({
          input: { participantId: person.id, lastName: lastName.trim(), firstNames: firstNames.trim(), birthDate: born, addressLine: addressLine.trim(), postalCode: postalCode.trim(), phone: phone.trim() || undefined, email: email.trim() || undefined },
        });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        const failures = result.data?.updateParticipant.userErrors ?? [];
        setErrors(fieldErrors(failures));
        if (failures.length === 0) done('Les corrections sont enregistrées.');
      }}
    >
      <h3>Corriger l’identité ou les coordonnées</h3>
      <FormError messages={errors['']} />
      <TextField label="Nom de la personne" value={lastName} onChange={setLastName} errors={errors.lastName} />
      <TextField label="Prénoms de la personne" value={firstNames} onChange={setFirstNames} errors={errors.firstNames} />
      <DateField label="Date de naissance de la personne" value={birthDate} onChange={setBirthDate} errors={errors.birthDate} />
      <TextField label="Adresse de la personne" value={addressLine} onChange={setAddressLine} errors={errors.addressLine} />
      <TextField label="Code postal de la personne" inputMode="numeric" value={postalCode} onChange={setPostalCode} errors={errors.postalCode} />
      <TextField label="Téléphone de la personne" type="tel" value={phone} onChange={setPhone} errors={errors.phone} />
      <TextField label="E-mail de la personne" type="email" value={email} onChange={setEmail} errors={errors.email} />
      <button type="submit" disabled={fetching}>
        Enregistrer les corrections
      </button>
    </Form>
  );
}

/** A placement's dates corrected (its type too); the calendar and, once exited, the outcome follow. */
export function CorrectPlacement({ placement }: { placement: { id: string; contractType: ContractType; startOn: string; plannedEndOn?: string | null; endedOn?: string | null; hoursPerWeek?: number | null } }) {
  const [startOn, setStartOn] = useState(day(placement.startOn));
  const [plannedEndOn, setPlannedEndOn] = useState(day(placement.plannedEndOn));
  const [endedOn, setEndedOn] = useState(day(placement.endedOn));
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = useDone();
  const [{ fetching }, correct] = useMutation(CorrectPlacementDocument);
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const start = parseDay(startOn);
        const planned = plannedEndOn.trim() ? parseDay(plannedEndOn) : null;
        const ended = endedOn.trim() ? parseDay(endedOn) : null;
        const local: FieldErrors = {};
        if (!start) local.startOn = [INVALID_DAY];
        if (plannedEndOn.trim() && !planned) local.plannedEndOn = [INVALID_DAY];
        if (endedOn.trim() && !ended) local.endedOn = [INVALID_DAY];
        setErrors(local);
        if (Object.keys(local).length > 0 || !start) return;
        const result = await correct({
          input: { placementId: placement.id, contractType: placement.contractType, startOn: start, plannedEndOn: planned ?? undefined, endedOn: ended ?? undefined, hoursPerWeek: placement.hoursPerWeek ?? undefined },
        });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        const failures = result.data?.correctPlacement.userErrors ?? [];
        setErrors(fieldErrors(failures));
        if (failures.length === 0) done('La mise en situation est corrigée.');
      }}
    >
      <h3>Corriger les dates du {CONTRACT[placement.contractType]}</h3>
      <FormError messages={errors['']} />
      <DateField label="Début corrigé" value={startOn} onChange={setStartOn} errors={errors.startOn} />
      <DateField label="Fin prévue corrigée" value={plannedEndOn} onChange={setPlannedEndOn} errors={errors.plannedEndOn} />
      {placement.endedOn && <DateField label="Dernier jour corrigé" value={endedOn} onChange={setEndedOn} errors={errors.endedOn} />}
      <button type="submit" disabled={fetching}>
        Enregistrer la correction
      </button>
    </Form>
  );
}
