import { useId, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { frenchMessage } from '../errors';

export interface UserErrorLike {
  code: string;
  field?: readonly string[] | null;
  message: string;
}

/** Field errors by their path without "input" (person.communeCode), and those of no field under "". */
export type FieldErrors = Record<string, string[]>;

export function fieldErrors(errors: readonly UserErrorLike[]): FieldErrors {
  const byField: FieldErrors = {};
  for (const error of errors) {
    const key = (error.field ?? []).filter((part) => part !== 'input').join('.');
    (byField[key] ??= []).push(frenchMessage(error.code, error.message));
  }
  return byField;
}

/** The code of a query's or mutation's top-level failure (NETWORK_ERROR when the server did not answer). */
export function errorCode(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return 'NETWORK_ERROR';
  return String(error.graphQLErrors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}

interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[];
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A label, an optional hint, the control, and its errors read out with it. */
export function Field({ label, hint, errors, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={errors?.length ? 'field field-error' : 'field'}>
      <label id={`${id}-label`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': errors?.length ? true : undefined })}
      {errors?.length ? (
        <p className="error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  errors?: string[];
  type?: 'text' | 'email' | 'password' | 'tel';
  autoComplete?: string;
  required?: boolean;
  name?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  /** A datalist of suggested values, by id. */
  list?: string;
}

export function TextField({ label, value, onChange, hint, errors, type = 'text', autoComplete, required, name, inputMode, list }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(props) => (
        <input
          {...props}
          name={name}
          type={type}
          value={value}
          autoComplete={autoComplete}
          required={required}
          inputMode={inputMode}
          list={list}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A new password, with the server's rule (password-policy.ts) as its hint. */
export function NewPasswordField({ value, onChange, errors }: Pick<TextFieldProps, 'value' | 'onChange' | 'errors'>) {
  return (
    <TextField
      label="Nouveau mot de passe"
      type="password"
      autoComplete="new-password"
      hint="Au moins 12 caractères, mêlant au moins trois sortes : minuscules, majuscules, chiffres, autres signes."
      value={value}
      onChange={onChange}
      errors={errors}
      required
    />
  );
}

export function TextArea({ label, value, onChange, hint, errors }: Omit<TextFieldProps, 'type'>) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(props) => <textarea {...props} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

export function Select<T extends string>({
  label,
  value,
  onChange,
  options,
  errors,
  hint,
  empty,
}: {
  label: string;
  value: T | '';
  onChange: (value: T) => void;
  options: [T, string][];
  errors?: string[];
  hint?: string;
  empty?: string;
}) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value as T)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An error of the whole form (no field), announced as soon as it appears. */
export function FormError({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
