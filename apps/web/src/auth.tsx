import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useClient } from 'urql';
import { LogoutDocument, MeDocument, type MeQuery } from './graphql/generated';
import { forget, onSessionLost, resume, signIn as openSession } from './session';

export type Me = MeQuery['me'];

interface Auth {
  /** undefined while the session is being resumed after a load. */
  me: Me | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  reloadMe(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/**
 * Leaves the signed-in console by loading the page anew: nothing of the session stays in memory
 * (the GraphQL cache, the live connection, the screens' state), for whoever uses the computer next.
 */
function leave(to: string): void {
  window.location.assign(to);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const loadMe = useCallback(async () => {
    const result = await client.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    setMe(result.data?.me ?? null);
  }, [client]);

  useEffect(() => {
    void resume().then((access) => (access ? loadMe() : setMe(null)));
    return onSessionLost(() => {
      const here = location.pathname + location.search;
      leave(`/connexion?fin=1${here === '/' || here.startsWith('/connexion') ? '' : `&retour=${encodeURIComponent(here)}`}`);
    });
  }, [loadMe]);

  const auth = useMemo<Auth>(
    () => ({
      me,
      async signIn(email, password) {
        await openSession(email, password);
        await loadMe();
      },
      async signOut() {
        await client.mutation(LogoutDocument, {}).toPromise();
        // Signed in through ProConnect: signed out there too, which sends the browser back to /connexion.
        leave((await forget()) ?? '/connexion');
      },
      reloadMe: loadMe,
    }),
    [me, client, loadMe],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user (only under the routes that need one). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
