import { useState } from 'react';
import { useMutation } from 'urql';
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

interface When {
  startsAt: string;
  channel: AppointmentChannel;
  place: string | undefined;
}

/** The day, time, channel and place of an interview, checked before sending; `send` answers the server's userErrors. */
function WhenForm({ title, submit, initial, fetching, send }: { title: string; submit: string; initial?: { day: string; time: string; channel: AppointmentChannel; place: string }; fetching: boolean; send: (when: When) => Promise<FieldErrors> }) {
  const [day, setDay] = useState(initial?.day ?? '');
  const [time, setTime] = useState(initial?.time ?? '');
  const [channel, setChannel] = useState<AppointmentChannel>(initial?.channel ?? 'ON_SITE');
  const [place, setPlace] = useState(initial?.place ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <form
      className="panel"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const parsedDay = parseDay(day);
        const minutes = parseTime(time);
        const local: FieldErrors = {};
        if (!parsedDay) local.day = [INVALID_DAY];
        if (minutes === null) local.time = ['Cette heure n’est pas valable : écrivez-la HH:MM, par exemple 14:30.'];
        setErrors(local);
        if (!parsedDay || minutes === null) return;
        setErrors(await send({ startsAt: parisInstant(parsedDay, minutes), channel, place: place.trim() || undefined }));
      }}
    >
      <h3>{title}</h3>
      <FormError messages={errors['']} />
      <DateField label="Jour" value={day} onChange={setDay} errors={errors.day ?? errors.startsAt} />
      <TextField label="Heure" hint="Heure de Saint-Étienne, par exemple 14:30." inputMode="numeric" value={time} onChange={setTime} errors={errors.time} />
      <Select label="Modalité" value={channel} onChange={setChannel} options={Object.entries(CHANNEL) as [AppointmentChannel, string][]} errors={errors.channel} />
      <TextField label="Lieu (facultatif)" value={place} onChange={setPlace} errors={errors.place} />
      <button type="submit" className="primary" disabled={fetching}>
        {submit}
      </button>
    </form>
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
      send={async (when) => {
        const result = await schedule({ input: { pathwayId, ...when } });
        if (result.error) return { '': [frenchMessage(errorCode(result.error)!)] };
        return fieldErrors(result.data?.scheduleDiagnostic.userErrors ?? []);
      }}
    />
  );
}

/** A planned interview: what became of it (absence, excused, cancelled), or a new time. */
export function PlannedAppointment({ appointment }: { appointment: { id: string; startsAt: string; channel: AppointmentChannel; place?: string | null } }) {
  const [noShow, recordNoShow] = useMutation(RecordNoShowDocument);
  const [excused, recordExcused] = useMutation(RecordExcusedDocument);
  const [cancelled, cancel] = useMutation(CancelAppointmentDocument);
  const [{ fetching }, reschedule] = useMutation(RescheduleAppointmentDocument);
  const input = { input: { appointmentId: appointment.id } };
  const failures = [noShow, excused, cancelled].flatMap((state) => [
    ...(state.error ? [frenchMessage(errorCode(state.error)!)] : []),
    ...fieldErrors(Object.values(state.data ?? {})[0]?.userErrors ?? [])[''] ?? [],
  ]);
  const busy = noShow.fetching || excused.fetching || cancelled.fetching;
  return (
    <>
      <div className="panel">
        <h3>Entretien prévu le {instant(appointment.startsAt)}</h3>
        <p>Si l’entretien n’a pas lieu, dites pourquoi : le parcours revient à « acceptée », prêt pour un nouveau rendez-vous. Une absence non excusée est signalée au référent.</p>
        <FormError messages={failures.length ? failures : undefined} />
        <div className="buttons">
          <button type="button" disabled={busy} onClick={() => void recordNoShow(input)}>
            Absence non excusée
          </button>
          <button type="button" disabled={busy} onClick={() => void recordExcused(input)}>
            Absence excusée
          </button>
          <button type="button" disabled={busy} onClick={() => void cancel(input)}>
            Annuler le rendez-vous
          </button>
        </div>
      </div>
      <WhenForm
        title="Déplacer l’entretien"
        submit="Déplacer"
        initial={{ ...dayAndTime(appointment.startsAt), channel: appointment.channel, place: appointment.place ?? '' }}
        fetching={fetching}
        send={async (when) => {
          const result = await reschedule({ input: { appointmentId: appointment.id, ...when } });
          if (result.error) return { '': [frenchMessage(errorCode(result.error)!)] };
          return fieldErrors(result.data?.rescheduleAppointment.userErrors ?? []);
        }}
      />
    </>
  );
}
