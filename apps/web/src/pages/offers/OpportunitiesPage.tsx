import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Flash } from '../../components/Flash';
import { errorCode, Select } from '../../components/forms';
import { Pager, usePages } from '../../components/Pager';
import { frenchMessage } from '../../errors';
import { day } from '../../format';
import { OpportunitiesDocument } from '../../graphql/generated';
import { CONTRACT, OPPORTUNITY, OPPORTUNITY_STATUS } from '../../labels';

/** The operator's jobs and trainings (`/offres`): open ones first, a new one, each with its candidates. */
export function OpportunitiesPage() {
  const [which, setWhich] = useState<'OPEN' | 'ALL'>('OPEN');
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({
    query: OpportunitiesDocument,
    variables: { first: 50, after: pages.after, filter: which === 'OPEN' ? { open: true } : {} },
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.opportunities;
  return (
    <>
      <h1 tabIndex={-1}>Offres</h1>
      <Flash />
      <p>
        <Link to="/offres/nouvelle">Nouvelle offre</Link> · <Link to="/partenaires">Partenaires</Link>
      </p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <Select
          label="Offres"
          value={which}
          onChange={(value) => {
            setWhich(value);
            pages.reset();
          }}
          options={[
            ['OPEN', 'Ouvertes'],
            ['ALL', 'Toutes'],
          ]}
        />
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} offre(s)` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">Offres de la structure</caption>
          <thead>
            <tr>
              <th scope="col">Offre</th>
              <th scope="col">Partenaire</th>
              <th scope="col">Contrat</th>
              <th scope="col">Début</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link to={`/offres/${node.id}`}>{node.title}</Link> ({OPPORTUNITY[node.kind]})
                </td>
                <td>{node.partner.name}</td>
                <td>{CONTRACT[node.contractType]}</td>
                <td>{day(node.startOn)}</td>
                <td>{OPPORTUNITY_STATUS[node.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}
