import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth';
import { FormError, TextField } from '../components/forms';
import { frenchMessage } from '../errors';
import { SessionError } from '../session';
import { PublicPage } from '../components/PublicPage';

/** Only an address of this console (a path), never another site, is followed after signing in. */
function safeReturn(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInPage() {
  const { me, signIn } = useAuth();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={safeReturn(params.get('retour'))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email, password);
    } catch (failure) {
      setError(failure instanceof SessionError ? frenchMessage(failure.code, failure.message) : frenchMessage('NETWORK_ERROR'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicPage>
      <h1>Connexion</h1>
      {params.get('fin') && !error && (
        <p className="alert alert-info" role="status">
          Votre session a pris fin : connectez-vous de nouveau pour reprendre où vous en étiez.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <FormError messages={error ? [error] : undefined} />
        <TextField label="Adresse e-mail" type="email" autoComplete="username" value={email} onChange={setEmail} required />
        <TextField label="Mot de passe" type="password" autoComplete="current-password" value={password} onChange={setPassword} required />
        <button type="submit" className="primary" disabled={busy}>
          Se connecter
        </button>
      </form>
      <p>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
    </PublicPage>
  );
}
