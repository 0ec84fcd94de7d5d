import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { Form, useConfirm, useDone } from '../../components/actions';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { dayAndTime, instant, parisInstant, parseDay, parseTime } from '../../format';
import {
  CancelAppointmentDocument,
  RecordExcusedDocument,
  RecordNoShowDocument,
  RescheduleAppointmentDocument,
  ScheduleDiagnosticDocument,
  type AppointmentChannel,
} from '../../graphql/generated';
import { CHANNEL } from '../../labels';

/** The times offered for an interview: every quarter of an hour from 08:00 to 19:45 (any other can be typed). */
const QUARTER_HOURS = Array.from({ length: 48 }, (_, index) => `${String(8 + Math.floor(index / 4)).padStart(2, '0')}:${String((index % 4) * 15).padStart(2, '0')}`);

interface When {
  startsAt: string;
  channel: AppointmentChannel;
  place: string | undefined;
}

/** The day, time, channel and place of an interview, checked before sending; `send` answers the server's userErrors (none: saved, and `saved` is said). */
function WhenForm({ title, submit, initial, fetching, send, saved }: { title: string; submit: string; initial?: { day: string; time: string; channel: AppointmentChannel; place: string }; fetching: boolean; send: (when: When) => Promise<FieldErrors>; saved: string }) {
  const [day, setDay] = useState(initial?.day ?? '');
  const [time, setTime] = useState(initial?.time ?? '');
  const [channel, setChannel] = useState<AppointmentChannel>(initial?.channel ?? 'ON_SITE');
  const [place, setPlace] = useState(initial?.place ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = useDone();
  const id = useId();
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const parsedDay = parseDay(day);
        const minutes = parseTime(time);
        const local: FieldErrors = {};
        if (!parsedDay) local.day = [INVALID_DAY];
        if (minutes === null) local.time = ['Cette heure n’est pas valable : écrivez-la HH:MM, par exemple 14:30.'];
        setErrors(local);
        if (!parsedDay || minutes === null) return;
        const refused = await send({ startsAt: parisInstant(parsedDay, minutes), channel, place: place.trim() || undefined });
        setErrors(refused);
        if (Object.keys(refused).length === 0) done(saved);
      }}
    >
      <h3>{title}</h3>
      <FormError messages={errors['']} />
      <DateField label="Jour" value={day} onChange={setDay} errors={errors.day ?? errors.startsAt} />
      <TextField label="Heure" hint="Heure de Saint-Étienne, par exemple 14:30, ou choisie dans la liste." inputMode="numeric" list={`${id}-hours`} value={time} onChange={setTime} errors={errors.time} />
      <datalist id={`${id}-hours`}>
        {QUARTER_HOURS.map((hour) => (
          <option key={hour} value={hour} />
        ))}
      </datalist>
      <Select label="Modalité" value={channel} onChange={setChannel} options={Object.entries(CHANNEL) as [AppointmentChannel, string][]} errors={errors.channel} />
      <TextField label="Lieu (facultatif)" value={place} onChange={setPlace} errors={errors.place} />
      <button type="submit" className="primary" disabled={fetching}>
        {submit}
      </button>
    </Form>
  );
}

/** ACCEPTED: books the diagnostic interview, run by the counsellor in charge. */
export function ScheduleDiagnostic({ pathwayId }: { pathwayId: string }) {
  const [{ fetching }, schedule] = useMutation(ScheduleDiagnosticDocument);
  return (
    <WhenForm
      title="Planifier l’entretien de diagnostic"
      submit="Planifier"
      fetching={fetching}
      saved="L’entretien est planifié."
      send={async (when) => {
        const result = await schedule({ input: { pathwayId, ...when } });
        if (result.error) return { '': [frenchMessage(errorCode(result.error)!)] };
        return fieldErrors(result.data?.scheduleDiagnostic.userErrors ?? []);
      }}
    />
  );
}

/** What became of an interview that did not take place, each with what it does to the pathway. */
const OUTCOMES = {
  noShow: { label: 'Absence non excusée', consequence: 'Le parcours revient à « accepté » et le référent reçoit un compte rendu d’absence.', saved: 'L’absence est enregistrée ; le référent en est informé.' },
  excused: { label: 'Absence excusée', consequence: 'Le parcours revient à « accepté », prêt pour un nouveau rendez-vous.', saved: 'L’absence excusée est enregistrée.' },
  cancelled: { label: 'Annuler le rendez-vous', consequence: 'Le rendez-vous est annulé ; le parcours revient à « accepté », prêt pour un nouveau rendez-vous.', saved: 'Le rendez-vous est annulé.' },
} as const;

/** A planned interview: what became of it (absence, excused, cancelled), each confirmed first. */
export function PlannedAppointment({ appointment }: { appointment: { id: string; startsAt: string } }) {
  const [noShow, recordNoShow] = useMutation(RecordNoShowDocument);
  const [excused, recordExcused] = useMutation(RecordExcusedDocument);
  const [cancelled, cancel] = useMutation(CancelAppointmentDocument);
  const [dialog, ask] = useConfirm();
  const done = useDone();
  const input = { input: { appointmentId: appointment.id } };
  const failures = [noShow, excused, cancelled].flatMap((state) => [
    ...(state.error ? [frenchMessage(errorCode(state.error)!)] : []),
    ...fieldErrors(Object.values(state.data ?? {})[0]?.userErrors ?? [])[''] ?? [],
  ]);
  const busy = noShow.fetching || excused.fetching || cancelled.fetching;
  const record = async (outcome: keyof typeof OUTCOMES, send: () => Promise<{ data?: Record<string, { userErrors: unknown[] }> }>) => {
    const { label, consequence, saved } = OUTCOMES[outcome];
    if (!(await ask({ title: `${label} : l’entretien du ${instant(appointment.startsAt)}`, consequence, confirm: label }))) return;
    const result = await send();
    if (result.data && Object.values(result.data)[0]?.userErrors.length === 0) done(saved);
  };
  return (
    <div className="panel">
      {dialog}
      <h3>Entretien prévu le {instant(appointment.startsAt)}</h3>
      <p>Une fois l’entretien commencé, saisissez le diagnostic. S’il n’a pas lieu, dites pourquoi.</p>
      <FormError messages={failures.length ? failures : undefined} />
      <div className="buttons">
        <button type="button" disabled={busy} onClick={() => void record('noShow', () => recordNoShow(input))}>
          {OUTCOMES.noShow.label}
        </button>
        <button type="button" disabled={busy} onClick={() => void record('excused', () => recordExcused(input))}>
          {OUTCOMES.excused.label}
        </button>
        <button type="button" disabled={busy} onClick={() => void record('cancelled', () => cancel(input))}>
          {OUTCOMES.cancelled.label}
        </button>
      </div>
    </div>
  );
}

/** A planned interview moved to another day, time, channel or place. */
export function RescheduleAppointment({ appointment }: { appointment: { id: string; startsAt: string; channel: AppointmentChannel; place?: string | null } }) {
  const [{ fetching }, reschedule] = useMutation(RescheduleAppointmentDocument);
  return (
    <WhenForm
      title="Déplacer l’entretien"
      submit="Déplacer"
      initial={{ ...dayAndTime(appointment.startsAt), channel: appointment.channel, place: appointment.place ?? '' }}
      fetching={fetching}
      saved="L’entretien est déplacé."
      send={async (when) => {
        const result = await reschedule({ input: { appointmentId: appointment.id, ...when } });
        if (result.error) return { '': [frenchMessage(errorCode(result.error)!)] };
        return fieldErrors(result.data?.rescheduleAppointment.userErrors ?? []);
      }}
    />
  );
}
