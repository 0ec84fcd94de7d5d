import { useEffect, useState } from 'react';
import { frenchMessage } from '../errors';
import { identityProvider, SessionError, signInWithProvider } from '../session';

/** The identity provider the server offers (null when none; undefined while asking). */
export function useIdentityProvider(): string | null | undefined {
  const [name, setName] = useState<string | null>();
  useEffect(() => {
    let current = true;
    void identityProvider().then((found) => current && setName(found));
    return () => {
      current = false;
    };
  }, []);
  return name;
}

/**
 * "S'identifier avec ProConnect", as the State's design asks it (the button, then what ProConnect
 * is): leaves for the provider, which sends the browser back signed in. With an invitation's token,
 * accepts the invitation there.
 */
export function ProviderSignIn({ name, invitation }: { name: string; invitation?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="provider-sign-in">
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="primary provider-button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            await signInWithProvider(invitation);
          } catch (failure) {
            setError(failure instanceof SessionError ? frenchMessage(failure.code, failure.message) : frenchMessage('NETWORK_ERROR'));
            setBusy(false);
          }
        }}
      >
        S’identifier avec {name}
      </button>
      {name === 'ProConnect' && (
        <p className="hint">
          <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener noreferrer">
            Qu’est-ce que ProConnect ? (nouvelle fenêtre)
          </a>
        </p>
      )}
    </div>
  );
}
