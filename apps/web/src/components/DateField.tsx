import { Field } from './forms';

/** A day typed as JJ/MM/AAAA; the form checks it with parseDay before sending. */
export function DateField({ label, value, onChange, errors }: { label: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  return (
    <Field label={label} hint="Au format JJ/MM/AAAA, par exemple 26/11/2026." errors={errors}>
      {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}
