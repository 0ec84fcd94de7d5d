import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth';
import { useQuery } from 'urql';
import { Flash } from '../components/Flash';
import { Pager, usePages } from '../components/Pager';
import { errorCode, Field, Select } from '../components/forms';
import { frenchMessage } from '../errors';
import { day, fullName } from '../format';
import { PathwaysDocument, type PathwayStatus } from '../graphql/generated';
import { OPEN_STATUSES, PATHWAY_STATUS } from '../labels';
import { type Chosen, ReassignSelected } from './staff/ReassignSelected';

type Which = 'OPEN' | 'ALL' | PathwayStatus;

/** The status a link asked for (?statut=REFERRED, from the caseload), else the open ones. */
function asked(value: string | null): Which {
  return value && (value === 'ALL' || value in PATHWAY_STATUS) ? (value as Which) : 'OPEN';
}

export function PathwaysPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [which, setWhich] = useState<Which>(() => asked(params.get('statut')));
  const pages = usePages();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [done, setDone] = useState('');
  const choosing = me.role === 'MANAGER';
  // The operator's own staff see only their operator's pathways: a column of one name says nothing.
  const staff = me.role === 'COUNSELLOR' || me.role === 'MANAGER';
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const statuses = which === 'ALL' ? undefined : which === 'OPEN' ? OPEN_STATUSES : [which];
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PathwaysDocument,
    variables: { first: 50, after: pages.after, filter: { search: search || undefined, statuses } },
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.pathways;

  return (
    <>
      <h1 tabIndex={-1}>{me.role === 'REFERENT' ? 'Mes parcours' : 'Parcours de la structure'}</h1>
      <Flash />
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field label="Rechercher une personne" hint="Nom ou prénom.">
          {(props) => (
            <input
              {...props}
              type="search"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                pages.reset();
              }}
            />
          )}
        </Field>
        <Select
          label="Statut"
          value={which}
          onChange={(value) => {
            setWhich(value);
            pages.reset();
          }}
          options={[['OPEN', 'En cours'], ['ALL', 'Tous'], ...(Object.entries(PATHWAY_STATUS) as [PathwayStatus, string][])]}
        />
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} parcours` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">{me.role === 'REFERENT' ? 'Parcours des personnes orientées' : 'Parcours des personnes orientées vers la structure'}</caption>
          <thead>
            <tr>
              {choosing && (
                <th scope="col">
                  <span className="visually-hidden">Choisir</span>
                </th>
              )}
              <th scope="col">Personne</th>
              <th scope="col">Commune</th>
              <th scope="col">Orientation</th>
              {!staff && <th scope="col">Structure</th>}
              {me.role !== 'REFERENT' && <th scope="col">Conseiller ou conseillère</th>}
              <th scope="col">Statut</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                {choosing && (
                  <td>
                    {node.counsellor && OPEN_STATUSES.includes(node.status) && (
                      <input
                        type="checkbox"
                        aria-label={`Choisir ${fullName(node.participant)}`}
                        checked={chosen.some((pathway) => pathway.id === node.id)}
                        onChange={(event) =>
                          setChosen((current) => (event.target.checked ? [...current, { id: node.id, name: fullName(node.participant) }] : current.filter((pathway) => pathway.id !== node.id)))
                        }
                      />
                    )}
                  </td>
                )}
                <td>
                  <Link to={`/parcours/${node.id}`}>{fullName(node.participant)}</Link>
                </td>
                <td>{node.participant.commune.name}</td>
                <td>{day(node.referredOn)}</td>
                {!staff && <td>{node.operator.name}</td>}
                {me.role !== 'REFERENT' && <td>{node.counsellor?.fullName ?? '—'}</td>}
                <td>
                  {PATHWAY_STATUS[node.status]}
                  {node.waitingTooLong ? ' (attente longue)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
      {choosing && chosen.length > 0 && (
        <ReassignSelected
          chosen={chosen}
          onDone={(message) => {
            setDone(message);
            setChosen([]);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </>
  );
}
