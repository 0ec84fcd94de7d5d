import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { errorCode, fieldErrors, FormError, NewPasswordField, TextField } from '../components/forms';
import { frenchMessage } from '../errors';
import { ResetPasswordDocument } from '../graphql/generated';
import { PublicPage } from '../components/PublicPage';
import { ProviderSignIn, useIdentityProvider } from '../components/ProviderSignIn';

const WORDING = {
  reset: { title: 'Choisir un nouveau mot de passe', intro: 'Choisissez le nouveau mot de passe de votre compte. Vos sessions ouvertes ailleurs prendront fin.' },
  invitation: { title: 'Bienvenue dans Parcours', intro: 'Un compte a été créé pour vous. Choisissez votre mot de passe pour y accéder.' },
} as const;

/** The token, from the link's fragment: no server, log or Referer header sees it. */
function tokenOfLink(): string {
  return decodeURIComponent(window.location.hash.slice(1));
}

/** The page a reset or invitation link opens: the new password, twice. */
export function ChoosePasswordPage({ purpose }: { purpose: keyof typeof WORDING }) {
  const [token, setToken] = useState(tokenOfLink);
  // Out of the address bar and the history once read: the page may be left open or bookmarked
  // without it. A link pasted into this very tab changes only the fragment: it is read too.
  useEffect(() => {
    const read = () => {
      const fromLink = tokenOfLink();
      if (!fromLink) return;
      setToken(fromLink);
      window.history.replaceState(window.history.state, '', window.location.pathname);
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [{ fetching, data, error }, reset] = useMutation(ResetPasswordDocument);
  const errors = fieldErrors(data?.resetPassword.userErrors ?? []);
  const linkRefused = errors.token;
  const wording = WORDING[purpose];
  const provider = useIdentityProvider();

  return (
    <PublicPage>
      <h1>{wording.title}</h1>
      {data?.resetPassword.passwordSet ? (
        <div className="alert alert-success" role="status">
          <p>Votre mot de passe est enregistré.</p>
          <p>
            {/* A full load: a session this browser had is over, nothing of it stays in memory. */}
            <a href="/connexion">Se connecter</a>
          </p>
        </div>
      ) : !token || linkRefused ? (
        <div className="alert alert-error" role="alert">
          <p>{linkRefused ? linkRefused[0] : 'Ce lien est incomplet : copiez-le en entier depuis l’e-mail, ou demandez-en un nouveau.'}</p>
          <p>
            <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
          </p>
        </div>
      ) : (
        <>
          {purpose === 'invitation' && provider && (
            <>
              <p>Acceptez l’invitation en vous identifiant avec {provider}, sans mot de passe (l’adresse e-mail doit être celle de l’invitation) :</p>
              <ProviderSignIn name={provider} invitation={token} />
              <p className="separator">ou choisissez un mot de passe :</p>
            </>
          )}
          <form
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              setMismatch(password !== confirmation);
              if (password !== confirmation) return;
              await reset({ input: { token, newPassword: password } });
            }}
          >
            <p>{wording.intro}</p>
            <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
            <NewPasswordField value={password} onChange={setPassword} errors={errors.newPassword} />
            <TextField
              label="Le même, une seconde fois"
              type="password"
              autoComplete="new-password"
              value={confirmation}
              onChange={setConfirmation}
              errors={mismatch ? ['Les deux saisies ne sont pas identiques.'] : undefined}
              required
            />
            <button type="submit" className="primary" disabled={fetching}>
              Enregistrer le mot de passe
            </button>
          </form>
        </>
      )}
    </PublicPage>
  );
}
