import { parseDay } from '../format';
import { Field } from './forms';

/** A day typed as JJ/MM/AAAA; the form checks it with parseDay before sending. */
export function DateField({ label, value, onChange, errors }: { label: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  return (
    <Field label={label} hint="Au format JJ/MM/AAAA, par exemple 26/11/2026." errors={errors}>
      {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />}
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
