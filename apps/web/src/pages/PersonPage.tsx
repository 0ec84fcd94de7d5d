import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../components/QueryState';
import { day, fullName } from '../format';
import { PersonDocument } from '../graphql/generated';
import { PATHWAY_STATUS } from '../labels';

/** `/personnes/:id`: a person and those of their pathways the viewer may see (a referent: theirs; staff: their operator's). */
export function PersonPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: PersonDocument, variables: { id } });
  const record = data?.participant;
  if (!record) return <QueryState fetching={fetching} error={error} />;
  return (
    <>
      <h1 tabIndex={-1}>{fullName(record.participant)}</h1>
      <p>Née ou né le {day(record.participant.birthDate)}.</p>
      <table>
        <caption>Parcours de la personne</caption>
        <thead>
          <tr>
            <th scope="col">Orientation</th>
            <th scope="col">Structure</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {record.pathways.map((pathway) => (
            <tr key={pathway.id}>
              <td>
                <Link to={`/parcours/${pathway.id}`}>{day(pathway.referredOn)}</Link>
              </td>
              <td>{pathway.operator.name}</td>
              <td>{PATHWAY_STATUS[pathway.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
