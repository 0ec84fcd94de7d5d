import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { ServerVersionDocument, type Role } from '../graphql/generated';
import { useMe, useAuth } from '../auth';
import { ROLE } from '../labels';
import { InboxProvider, useInbox } from './inbox';
import { NotificationsProvider, useNotifications } from './notifications';
import { Brand } from './PublicPage';

/** Who has a bell: the staff who are told of things (never ADMIN or FUNDER). */
const NOTIFIED: Role[] = ['REFERENT', 'COUNSELLOR', 'MANAGER'];

function Navigation() {
  const me = useMe();
  const inbox = useInbox();
  const notifications = useNotifications();
  const { signOut } = useAuth();
  return (
    <nav aria-label="Menu principal">
      <ul className="menu">
        <li>
          <NavLink to="/" end>
            Accueil
          </NavLink>
        </li>
        {NOTIFIED.includes(me.role) && (
          <li>
            <NavLink to="/notifications" className="bell">
              Notifications{' '}
              <span className="badge" data-testid="notifications-count" aria-hidden="true">
                {notifications.unread}
              </span>
              <span className="visually-hidden"> ({notifications.unread} non lues)</span>
            </NavLink>
          </li>
        )}
        {me.role === 'REFERENT' && (
          <>
            <li>
              <NavLink to="/orienter">Orienter une personne</NavLink>
            </li>
            <li>
              <NavLink to="/import">Importer une liste</NavLink>
            </li>
            <li>
              <NavLink to="/parcours">Mes parcours</NavLink>
            </li>
            <li>
              <NavLink to="/reports">
                Comptes rendus{' '}
                <span className="badge" data-testid="inbox-count" aria-hidden="true">
                  {inbox.toRead}
                </span>
                <span className="visually-hidden"> ({inbox.toRead} à lire)</span>
              </NavLink>
            </li>
            <li>
              <NavLink to="/reglages">Réglages</NavLink>
            </li>
          </>
        )}
        {(me.role === 'COUNSELLOR' || me.role === 'MANAGER') && (
          <>
            <li>
              <NavLink to="/parcours">Parcours</NavLink>
            </li>
            <li>
              <NavLink to="/suivis">Suivis</NavLink>
            </li>
            <li>
              <NavLink to="/offres">Offres</NavLink>
            </li>
            <li>
              <NavLink to="/partenaires">Partenaires</NavLink>
            </li>
            <li>
              <NavLink to="/reglages">Réglages</NavLink>
            </li>
          </>
        )}
        {me.role === 'ADMIN' && (
          <>
            <li>
              <NavLink to="/parcours">Parcours</NavLink>
            </li>
            <li>
              <NavLink to="/organisations">Organisations</NavLink>
            </li>
            <li>
              <NavLink to="/partenaires">Partenaires</NavLink>
            </li>
            <li>
              <NavLink to="/journal">Journal des accès</NavLink>
            </li>
            <li>
              <NavLink to="/courriels">Courriels en échec</NavLink>
            </li>
          </>
        )}
        {(me.role === 'MANAGER' || me.role === 'ADMIN') && (
          <li>
            <NavLink to="/comptes">{me.role === 'MANAGER' ? 'Équipe' : 'Comptes'}</NavLink>
          </li>
        )}
        {(me.role === 'MANAGER' || me.role === 'FUNDER' || me.role === 'ADMIN') && (
          <li>
            <NavLink to="/chiffres">Chiffres</NavLink>
          </li>
        )}
        {(me.role === 'MANAGER' || me.role === 'ADMIN') && (
          <li>
            <NavLink to="/conventions">Conventions</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/mot-de-passe">Mot de passe</NavLink>
        </li>
        <li>
          <button type="button" className="link" onClick={() => void signOut()}>
            Se déconnecter
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** Moves the focus to the page's heading after each navigation, so screen readers hear the new page. */
function useFocusOnNavigation() {
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [location.pathname]);
  return main;
}

/** The server's version, for whoever reports a problem. */
function Footer() {
  const [{ data }] = useQuery({ query: ServerVersionDocument });
  return <footer className="footer">{data ? `Parcours ${data.serverInfo.version}` : ''}</footer>;
}

export function Layout() {
  const me = useMe();
  const main = useFocusOnNavigation();
  return (
    <InboxProvider enabled={me.role === 'REFERENT'}>
      <NotificationsProvider enabled={NOTIFIED.includes(me.role)}>
      <a className="skip" href="#contenu">
        Aller au contenu
      </a>
      <header className="header">
        <Brand />
        <p className="who">
          {me.fullName} · {ROLE[me.role]} · {me.organisation.name}
        </p>
        <Navigation />
      </header>
      <main id="contenu" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
      </NotificationsProvider>
    </InboxProvider>
  );
}
