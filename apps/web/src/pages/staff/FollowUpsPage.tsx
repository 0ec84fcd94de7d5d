import { Link } from 'react-router';
import { useQuery } from 'urql';
import { errorCode } from '../../components/forms';
import { Pager, usePages } from '../../components/Pager';
import { frenchMessage } from '../../errors';
import { day, fullName } from '../../format';
import { FollowUpsDueDocument } from '../../graphql/generated';
import { CHECKPOINT } from '../../labels';

/** `/suivis`: the in-job follow-up checkpoints to record, soonest first (a counsellor's own, a manager's operator's). */
export function FollowUpsPage() {
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: FollowUpsDueDocument, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const connection = data?.followUpsDue;
  return (
    <>
      <h1 tabIndex={-1}>Suivis dans l’emploi à faire</h1>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} point(s) de suivi` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">Points de suivi à faire</caption>
          <thead>
            <tr>
              <th scope="col">Prévu le</th>
              <th scope="col">Personne</th>
              <th scope="col">Conseiller ou conseillère</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.checkpoint.id}>
                <td>{day(node.checkpoint.dueOn)}</td>
                <td>
                  <Link to={`/parcours/${node.pathway.id}`}>{fullName(node.pathway.participant)}</Link>
                </td>
                <td>{node.pathway.counsellor?.fullName ?? ''}</td>
                <td>{CHECKPOINT[node.checkpoint.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}
