import { lazy, Suspense, useId, useState } from 'react';
import { day, parseDay } from '../format';
import { Field } from './forms';

const DayPicker = lazy(() => import('./DayPicker'));

/**
 * A day typed as JJ/MM/AAAA, or picked in a calendar (the button beside it): the form checks it
 * with parseDay before sending. Picking writes the day in the field and closes the calendar;
 * Échap closes it too, focus back on the button.
 */
export function DateField({ label, value, onChange, errors }: { label: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const close = () => {
    setOpen(false);
    document.getElementById(`${id}-toggle`)?.focus();
  };
  return (
    <Field label={label} hint="Au format JJ/MM/AAAA, par exemple 26/11/2026, ou dans le calendrier." errors={errors}>
      {(props) => (
        <>
          <span className="date-field">
            <input {...props} type="text" inputMode="numeric" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />
            {/* Named "Calendrier", described by the field's label: a search by label finds the field alone. */}
            <button id={`${id}-toggle`} type="button" className="calendar-toggle" aria-expanded={open} aria-controls={`${id}-calendar`} aria-label="Calendrier" aria-describedby={`${props.id}-label`} onClick={() => setOpen(!open)}>
              <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
                <rect x="3" y="5" width="18" height="16" rx="2" />
                <path d="M3 10h18M8 3v4M16 3v4" />
              </svg>
            </button>
          </span>
          {open && (
            <div
              id={`${id}-calendar`}
              className="calendar-panel"
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.stopPropagation();
                  close();
                }
              }}
            >
              <Suspense fallback={<p className="loading">Chargement du calendrier…</p>}>
                <DayPicker
                  label={`${label} : choisir un jour`}
                  value={parseDay(value)}
                  onPick={(picked) => {
                    onChange(day(picked));
                    close();
                  }}
                />
              </Suspense>
            </div>
          )}
        </>
      )}
    </Field>
  );
}

/** What a form says beside a day field holding no real day. */
export const INVALID_DAY = 'Cette date n’est pas valable : écrivez-la JJ/MM/AAAA.';

/** A day field read: the API's day, or the error to show beside it (null and no error when empty and optional). */
export function readDay(text: string, required: boolean): { value: string | null; error?: string[] } {
  if (!text.trim()) return { value: null, error: required ? ['Ce jour est obligatoire.'] : undefined };
  const value = parseDay(text);
  return value ? { value } : { value: null, error: [INVALID_DAY] };
}
