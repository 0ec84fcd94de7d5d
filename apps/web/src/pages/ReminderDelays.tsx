import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorCode, fieldErrors, FormError } from '../components/forms';
import { QueryState } from '../components/QueryState';
import { frenchMessage } from '../errors';
import { ReminderDelaysDocument, SetReminderDelaysDocument } from '../graphql/generated';

type Row = { daysBefore: string; time: string };
const MAX = 4;

/** "2 jours avant, à l’heure du rendez-vous", "le jour même à 08:00". */
export function reminderInWords(daysBefore: number, time: string | null | undefined): string {
  const day = daysBefore === 0 ? 'le jour même' : daysBefore === 1 ? 'la veille' : `${daysBefore} jours avant`;
  return `${day}${time ? ` à ${time}` : ', à l’heure du rendez-vous'}`;
}

/**
 * The reminders the people of the operator get before their interview: a MANAGER sets them, a
 * counsellor reads them. They apply to the appointments booked or moved from then on.
 */
export function ReminderDelays({ canEdit }: { canEdit: boolean }) {
  const [{ data, fetching, error }] = useQuery({ query: ReminderDelaysDocument });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(SetReminderDelaysDocument);
  useEffect(() => {
    if (data && rows === null) setRows(data.reminderDelays.map((delay) => ({ daysBefore: String(delay.daysBefore), time: delay.time ?? '' })));
  }, [data, rows]);
  const failures = result.data?.setReminderDelays.userErrors ?? [];
  const errors = fieldErrors(failures);
  const set = (index: number, patch: Partial<Row>) => setRows((current) => current!.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <section aria-labelledby="rappels">
      <h2 id="rappels">Rappels envoyés aux personnes avant leur entretien</h2>
      <p className="hint">Par SMS et par e-mail, aux personnes qui l’ont accepté ; jamais entre 20:00 et 08:00 (le rappel attend 08:00). Ils valent pour les rendez-vous pris ou déplacés à partir de maintenant.</p>
      {!data || rows === null ? (
        <QueryState fetching={fetching} error={error} />
      ) : !canEdit ? (
        <ul>{data.reminderDelays.length === 0 ? <li>Aucun rappel</li> : data.reminderDelays.map((delay) => <li key={`${delay.daysBefore}-${delay.time}`}>{reminderInWords(delay.daysBefore, delay.time)}</li>)}</ul>
      ) : (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setSaved(false);
            const input = { reminders: rows.map((row) => ({ daysBefore: Number(row.daysBefore), time: row.time.trim() || null })) };
            const answer = await save({ input });
            const reminders = answer.data?.setReminderDelays.reminders;
            if (reminders) {
              setRows(reminders.map((delay) => ({ daysBefore: String(delay.daysBefore), time: delay.time ?? '' })));
              setSaved(true);
            }
          }}
        >
          <FormError messages={failures.length ? failures.map((failure) => frenchMessage(failure.code, failure.message)) : result.error ? [frenchMessage(errorCode(result.error)!)] : undefined} />
          {rows.length === 0 && <p>Aucun rappel : les personnes ne reçoivent que la convocation.</p>}
          {rows.map((row, index) => (
            <fieldset key={index} className={errors[`reminders.${index}`] ? 'field-error' : undefined}>
              <legend>Rappel {index + 1}</legend>
              <label htmlFor={`reminder-days-${index}`}>Jours avant l’entretien (0 : le jour même)</label>
              <input id={`reminder-days-${index}`} type="number" min={0} max={14} inputMode="numeric" value={row.daysBefore} onChange={(event) => set(index, { daysBefore: event.target.value })} />
              <label htmlFor={`reminder-time-${index}`}>Heure (vide : à l’heure du rendez-vous)</label>
              <input id={`reminder-time-${index}`} type="time" min="08:00" max="20:00" value={row.time} onChange={(event) => set(index, { time: event.target.value })} />
              <button type="button" onClick={() => setRows(rows.filter((_, at) => at !== index))}>
                Retirer ce rappel
              </button>
            </fieldset>
          ))}
          {rows.length < MAX && (
            <button type="button" onClick={() => setRows([...rows, { daysBefore: '1', time: '' }])}>
              Ajouter un rappel
            </button>
          )}{' '}
          <button type="submit" className="primary" disabled={result.fetching}>
            Enregistrer les rappels
          </button>
          {saved && (
            <p className="alert alert-success" role="status">
              Les rappels sont enregistrés.
            </p>
          )}
        </form>
      )}
    </section>
  );
}
