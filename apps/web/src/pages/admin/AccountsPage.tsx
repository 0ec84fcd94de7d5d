import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useMe } from '../../auth';
import { Flash } from '../../components/Flash';
import { errorCode, Field } from '../../components/forms';
import { Pager, usePages } from '../../components/Pager';
import { frenchMessage } from '../../errors';
import { UsersDocument } from '../../graphql/generated';
import { ROLE } from '../../labels';

/** `/comptes`: an administrator's every account, a manager's operator's; a new one, each one's page. */
export function AccountsPage() {
  const me = useMe();
  const [search, setSearch] = useState('');
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: UsersDocument, variables: { after: pages.after, filter: search.trim() ? { search: search.trim() } : {} }, requestPolicy: 'cache-and-network' });
  const connection = data?.users;
  return (
    <>
      <h1 tabIndex={-1}>{me.role === 'MANAGER' ? 'L’équipe' : 'Comptes'}</h1>
      <Flash />
      <p>
        <Link to="/comptes/nouveau">{me.role === 'MANAGER' ? 'Ajouter un conseiller ou une conseillère' : 'Nouveau compte'}</Link>
      </p>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field label="Rechercher un nom">
          {(props) => (
            <input
              {...props}
              type="search"
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                pages.reset();
              }}
            />
          )}
        </Field>
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} compte(s)` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">Comptes</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Rôle</th>
              <th scope="col">Organisation</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link to={`/comptes/${node.id}`}>{node.fullName}</Link>
                </td>
                <td>{ROLE[node.role]}</td>
                <td>{node.organisation.name}</td>
                <td>{!node.active ? 'Désactivé' : node.invitationPending ? 'Invitation en attente' : 'Actif'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}
