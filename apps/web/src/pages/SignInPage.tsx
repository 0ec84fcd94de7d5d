import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth';
import { FormError, TextField } from '../components/forms';
import { frenchMessage } from '../errors';
import { SessionError } from '../session';
import { PublicPage } from '../components/PublicPage';
import { ProviderSignIn, useIdentityProvider } from '../components/ProviderSignIn';

/** Only an address of this console (a path), never another site, is followed after signing in. */
function safeReturn(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * Where the server sends the browser when a sign-in through ProConnect is refused (/connexion/refus?raison=CODE):
 * why, in French, whom to ask, and the way back.
 */
export function ProviderRefusedPage() {
  const [params] = useSearchParams();
  const code = params.get('raison') ?? 'OIDC_PROVIDER_ERROR';
  return (
    <PublicPage>
      <h1>Connexion impossible</h1>
      <p className="alert alert-error" role="alert">
        {frenchMessage(code)}
      </p>
      {(code === 'OIDC_NO_ACCOUNT' || code === 'ACCOUNT_DEACTIVATED' || code === 'OIDC_EMAIL_NOT_VOUCHED') && (
        <p>Aucune donnée n’a été enregistrée. Une fois votre compte créé ou réactivé avec votre adresse professionnelle, la connexion par ProConnect fonctionnera.</p>
      )}
      <p>
        {/* A full load: the sign-in page asks the server again what it offers. */}
        <a href="/connexion">Retour à la connexion</a>
      </p>
    </PublicPage>
  );
}

export function SignInPage() {
  const { me, signIn } = useAuth();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const provider = useIdentityProvider();
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
      {provider && (
        <>
          <ProviderSignIn name={provider} />
          <p className="separator">ou, avec votre mot de passe :</p>
        </>
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
