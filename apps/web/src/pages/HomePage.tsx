import { Link } from 'react-router';
import { useMe } from '../auth';
import { useInbox } from '../components/inbox';
import { ROLE } from '../labels';
import { NotificationsToDo } from './NotificationsPage';
import { StaffHome } from './staff/StaffHome';

export function HomePage() {
  const me = useMe();
  const inbox = useInbox();
  return (
    <>
      <h1 tabIndex={-1}>Bonjour {me.fullName}</h1>
      {(me.role === 'REFERENT' || me.role === 'COUNSELLOR' || me.role === 'MANAGER') && <NotificationsToDo />}
      {me.role === 'REFERENT' ? (
        <ul className="cards">
          <li>
            <Link to="/orienter">Orienter une personne</Link> vers le dispositif L.O.I.R.E., ou <Link to="/import">toute une liste</Link> (fichier CSV ou Excel).
          </li>
          <li>
            <Link to="/parcours">Mes parcours</Link> : les personnes que vous avez orientées, dont celles dont le{' '}
            <Link to="/parcours?besoin=CONTRACT_ENDING_SOON">contrat se termine dans les 15 jours</Link>.
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
          Votre rôle : {ROLE[me.role]}. <Link to="/organisations">Organisations</Link>, <Link to="/comptes">comptes</Link>,{' '}
          <Link to="/partenaires">partenaires</Link>, <Link to="/parcours">parcours</Link>, <Link to="/chiffres">chiffres</Link>,{' '}
          <Link to="/journal">journal des accès</Link> et <Link to="/courriels">courriels en échec</Link>.
        </p>
      )}
    </>
  );
}
