import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { errorCode } from '../../components/forms';
import { Pager, usePages } from '../../components/Pager';
import { frenchMessage } from '../../errors';
import { addDays, day, fullName, nextMonday, today } from '../../format';
import { FollowUpsDueDocument, type CheckpointStatus, type FollowUpsDueFilter } from '../../graphql/generated';
import { CHECKPOINT } from '../../labels';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One list of checkpoints, its window filtered by the server, with its own pages. */
function Checkpoints({ id, title, filter, empty }: { id: string; title: string; filter: FollowUpsDueFilter; empty: string }) {
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: FollowUpsDueDocument, variables: { after: pages.after, filter }, requestPolicy: 'cache-and-network' });
  const connection = data?.followUpsDue;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} {connection && <span className="badge">{connection.totalCount}</span>}
      </h2>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      {connection?.totalCount === 0 && <p>{empty}</p>}
      {!connection && fetching && <p className="loading">Chargement…</p>}
      {connection && connection.edges.length > 0 && (
        <table data-testid={`suivis-${id}`}>
          <caption className="visually-hidden">{title}</caption>
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
      <Pager pages={pages} pageInfo={connection?.pageInfo} label={`Pages : ${title}`} />
    </section>
  );
}

/**
 * `/suivis`: the in-job follow-up checkpoints to record (a counsellor's own, a manager's operator's
 * or one counsellor's), grouped as overdue, this week and later, each window the server's. A link
 * from the caseload asks for one list: `?statut=MISSED`, or `?du=…&au=…` (a week, both days in).
 */
export function FollowUpsPage() {
  const [params] = useSearchParams();
  const counsellorId = params.get('conseiller') ?? undefined;
  const from = params.get('du');
  const to = params.get('au');
  const now = today();
  const monday = nextMonday(now);
  let lists: { id: string; title: string; filter: FollowUpsDueFilter; empty: string }[];
  if (params.get('statut') === 'MISSED') {
    lists = [{ id: 'manques', title: 'Suivis manqués', filter: { status: ['MISSED' as CheckpointStatus] }, empty: 'Aucun suivi manqué.' }];
  } else if (from && to && DAY.test(from) && DAY.test(to)) {
    lists = [{ id: 'periode', title: `Du ${day(from)} au ${day(to)}`, filter: { from, before: addDays(to, 1) }, empty: 'Aucun suivi à faire sur cette période.' }];
  } else {
    lists = [
      { id: 'en-retard', title: 'En retard', filter: { before: now }, empty: 'Aucun suivi en retard.' },
      { id: 'cette-semaine', title: `Cette semaine (jusqu’au ${day(addDays(monday, -1))})`, filter: { from: now, before: monday }, empty: 'Aucun suivi d’ici dimanche.' },
      { id: 'plus-tard', title: 'Plus tard', filter: { from: monday }, empty: 'Aucun suivi prévu ensuite.' },
    ];
  }
  return (
    <>
      <h1 tabIndex={-1}>Suivis dans l’emploi à faire</h1>
      {lists.length === 1 && (
        <p>
          <Link to={counsellorId ? `/suivis?conseiller=${counsellorId}` : '/suivis'}>Tous les suivis à faire</Link>
        </p>
      )}
      {lists.map((list) => (
        <Checkpoints key={`${list.id}-${counsellorId ?? ''}`} {...list} filter={{ ...list.filter, counsellorId }} />
      ))}
    </>
  );
}
