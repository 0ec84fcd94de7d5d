import { Link } from 'react-router';
import { useMe } from '../auth';
import { useInbox } from '../components/inbox';
import { ROLE } from '../labels';
import { StaffHome } from './staff/StaffHome';

export function HomePage() {
  const me = useMe();
  const inbox = useInbox();
  return (
    <>
      <h1 tabIndex={-1}>Bonjour {me.fullName}</h1>
      {me.role === 'REFERENT' ? (
        <ul className="cards">
          <li>
            <Link to="/orienter">Orienter une personne</Link> vers le dispositif L.O.I.R.E.
          </li>
          <li>
            <Link to="/parcours">Mes parcours</Link> : les personnes que vous avez orientées.
          </li>
          <li>
            <Link to="/reports">Comptes rendus</Link> : {inbox.toRead === 0 ? 'aucun à lire' : `${inbox.toRead} à lire`}.
          </li>
        </ul>
      ) : me.role === 'COUNSELLOR' || me.role === 'MANAGER' ? (
        <StaffHome role={me.role} />
      ) : me.role === 'FUNDER' ? (
        <p>
          <Link to="/chiffres">Chiffres</Link> : les résultats des conventions que vous financez, sans aucune donnée personnelle.
        </p>
      ) : (
        <p>
          Votre rôle : {ROLE[me.role]}. <Link to="/chiffres">Chiffres</Link>, <Link to="/partenaires">partenaires</Link>. Les autres écrans
          d’administration (organisations, comptes, journal des accès) arrivent dans la prochaine version de la console ; d’ici là, ils restent
          accessibles par l’API.
        </p>
      )}
    </>
  );
}
