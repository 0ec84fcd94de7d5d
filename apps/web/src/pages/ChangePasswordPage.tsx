import { useState } from 'react';
import { useMutation } from 'urql';
import { errorCode, fieldErrors, FormError, NewPasswordField, TextField } from '../components/forms';
import { frenchMessage } from '../errors';
import { ChangePasswordDocument } from '../graphql/generated';

export function ChangePasswordPage() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const [{ fetching, data, error }, change] = useMutation(ChangePasswordDocument);
  const errors = fieldErrors(data?.changePassword.userErrors ?? []);
  return (
    <>
      <h1 tabIndex={-1}>Changer de mot de passe</h1>
      <p>Vos autres sessions (sur d’autres appareils) prendront fin.</p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setDone(false);
          const result = await change({ input: { currentPassword, newPassword } });
          if (result.data?.changePassword.user) {
            setDone(true);
            setCurrent('');
            setNew('');
          }
        }}
      >
        <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
        <TextField label="Mot de passe actuel" type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrent} errors={errors.currentPassword} />
        <NewPasswordField value={newPassword} onChange={setNew} errors={errors.newPassword} />
        <button type="submit" className="primary" disabled={fetching}>
          Changer de mot de passe
        </button>
        {done && (
          <p className="alert alert-success" role="status">
            Votre mot de passe est changé.
          </p>
        )}
      </form>
    </>
  );
}
