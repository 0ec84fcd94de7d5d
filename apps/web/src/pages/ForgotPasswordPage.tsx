import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { errorCode, fieldErrors, FormError, TextField } from '../components/forms';
import { frenchMessage } from '../errors';
import { RequestPasswordResetDocument } from '../graphql/generated';
import { PublicPage } from '../components/PublicPage';

/** Asks for a link to choose a new password; says the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [{ fetching, data, error }, request] = useMutation(RequestPasswordResetDocument);
  const errors = fieldErrors(data?.requestPasswordReset.userErrors ?? []);
  return (
    <PublicPage>
      <h1>Mot de passe oublié</h1>
      {sent ? (
        <div className="alert alert-success" role="status">
          <p>Si un compte actif utilise cette adresse, un e-mail vient de lui être envoyé.</p>
          <p>Il contient un lien pour choisir un nouveau mot de passe : il ne sert qu’une fois et pour peu de temps. Pensez à regarder dans le dossier des indésirables.</p>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await request({ input: { email: email.trim() } });
            if (result.data?.requestPasswordReset.requested) setSent(true);
          }}
        >
          <p>Indiquez l’adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
          <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
          <TextField label="Adresse e-mail" type="email" autoComplete="username" value={email} onChange={setEmail} errors={errors.email} required />
          <button type="submit" className="primary" disabled={fetching}>
            Recevoir un lien
          </button>
        </form>
      )}
      <p>
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </PublicPage>
  );
}
