import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth';
import { useQuery } from 'urql';
import { Flash } from '../components/Flash';
import { Pager, usePages } from '../components/Pager';
import { errorCode, Field, Select } from '../components/forms';
import { frenchMessage } from '../errors';
import { day, fullName, instant } from '../format';
import { OperatorCounsellorsDocument, PathwaysDocument, type PathwayNeed, type PathwayOrder, type PathwayStatus } from '../graphql/generated';
import { OPEN_STATUSES, PATHWAY_STATUS } from '../labels';
import { type Chosen, ReassignSelected } from './staff/ReassignSelected';

type Which = 'OPEN' | 'ALL' | PathwayStatus;

/** The caseload lines a list can be opened from (?besoin=…), as the list says them. */
const NEED: Record<PathwayNeed, string> = {
  APPOINTMENT_TO_UPDATE: 'entretien passé à mettre à jour',
  PERSON_CANNOT_COME: 'la personne a prévenu qu’elle ne pourra pas venir',
  APPOINTMENT_THIS_WEEK: 'entretien de diagnostic cette semaine',
  PLACEMENT_PAST_PLANNED_END: 'mise en situation au-delà de sa fin prévue',
  CONTRACT_ENDING_SOON: 'contrat qui se termine dans les 15 jours',
  PROPOSAL_OPEN: 'offre proposée en cours',
  PROPOSAL_STALE: 'proposition sans nouvelle',
};

const ORDER: Record<PathwayOrder, string> = {
  REFERRAL_NEWEST: 'Orientation la plus récente d’abord',
  REFERRAL_OLDEST: 'Orientation la plus ancienne d’abord',
  LAST_CONTACT_OLDEST: 'Sans contact depuis le plus longtemps d’abord',
  LAST_CONTACT_NEWEST: 'Contact le plus récent d’abord',
  NEXT_APPOINTMENT_SOONEST: 'Prochain entretien le plus proche d’abord',
};
/** A referent sees no contact or interview dates in the list: the orders by referral only. */
const REFERENT_ORDERS: PathwayOrder[] = ['REFERRAL_NEWEST', 'REFERRAL_OLDEST'];

/** The status a link asked for (?statut=REFERRED, from the caseload), else the open ones. */
function asked(value: string | null): Which {
  return value && (value === 'ALL' || value in PATHWAY_STATUS) ? (value as Which) : 'OPEN';
}

/**
 * `/parcours`: a referent's pathways; a counsellor's own ("Mes parcours"), the operator's one
 * choice away; a manager's operator's, or one counsellor's. A caseload line opens it filtered
 * (`?statut=`, `?besoin=`, `?attente=1`, `?conseiller=` an id or `tous`), its total the line's count. A search
 * looks in every status.
 */
export function PathwaysPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [which, setWhich] = useState<Which>(() => asked(params.get('statut')));
  const [order, setOrder] = useState<PathwayOrder>('REFERRAL_NEWEST');
  const counsellor = me.role === 'COUNSELLOR';
  // ?conseiller=tous: the whole operator's (referrals wait for the operator, not for a counsellor).
  const [counsellorId, setCounsellorId] = useState(() => {
    const asked = params.get('conseiller');
    return asked === 'tous' ? '' : (asked ?? (counsellor ? me.id : ''));
  });
  const need = params.get('besoin') as PathwayNeed | null;
  const waiting = params.get('attente') === '1';
  const pages = usePages();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [done, setDone] = useState('');
  const choosing = me.role === 'MANAGER';
  // The operator's own staff see only their operator's pathways: a column of one name says nothing.
  const staff = counsellor || me.role === 'MANAGER';
  const [{ data: team }] = useQuery({ query: OperatorCounsellorsDocument, pause: me.role !== 'MANAGER' });
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  // A search looks in every status unless one was chosen; a need or a long wait in every status it may be in.
  const statuses = (search && which === 'OPEN') || (need && need in NEED) || waiting || which === 'ALL' ? undefined : which === 'OPEN' ? OPEN_STATUSES : [which];
  const filter = { search: search || undefined, statuses, counsellorId: staff && counsellorId ? counsellorId : undefined, need: need && need in NEED ? need : undefined, waitingTooLong: waiting || undefined };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PathwaysDocument,
    variables: { first: 50, after: pages.after, filter, order, staff },
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.pathways;
  /** A filter changed: its value, and back to the first page. */
  const andFirstPage =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      pages.reset();
    };
  const mine = me.role === 'REFERENT' || (counsellor && counsellorId === me.id);
  const narrowed = [filter.need && NEED[filter.need], waiting && 'en attente depuis trop longtemps'].filter(Boolean);

  return (
    <>
      <h1 tabIndex={-1}>{mine ? 'Mes parcours' : 'Parcours de la structure'}</h1>
      <Flash />
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      {narrowed.length > 0 && (
        <p className="alert alert-info">
          Parcours avec : {narrowed.join(', ')}.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              const next = new URLSearchParams(params);
              next.delete('besoin');
              next.delete('attente');
              setParams(next);
              pages.reset();
            }}
          >
            Retirer ce filtre
          </button>
        </p>
      )}
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field label="Rechercher une personne" hint="Nom ou prénom : dans tous les statuts, sauf celui que vous choisissez.">
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
        {counsellor && (
          <Select
            label="Parcours"
            value={counsellorId === me.id ? me.id : ''}
            onChange={andFirstPage(setCounsellorId)}
            options={[
              [me.id, 'Mes parcours'],
              ['', 'Toute la structure'],
            ]}
          />
        )}
        {me.role === 'MANAGER' && (
          <Select
            label="Conseiller ou conseillère"
            value={counsellorId}
            onChange={andFirstPage(setCounsellorId)}
            options={[['', 'Toute l’équipe'], ...(team?.users.edges ?? []).map((edge) => [edge.node.id, edge.node.fullName] as [string, string])]}
          />
        )}
        <Select
          label="Statut"
          value={which}
          onChange={andFirstPage(setWhich)}
          options={[['OPEN', 'En cours'], ['ALL', 'Tous'], ...(Object.entries(PATHWAY_STATUS) as [PathwayStatus, string][])]}
        />
        <Select
          label="Ordre"
          value={order}
          onChange={andFirstPage(setOrder)}
          options={(Object.entries(ORDER) as [PathwayOrder, string][]).filter(([value]) => staff || REFERENT_ORDERS.includes(value))}
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
              {staff && <th scope="col">Dernier contact</th>}
              {staff && <th scope="col">Prochain entretien</th>}
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
                {staff && <td>{node.lastContactOn ? day(node.lastContactOn) : 'aucun'}</td>}
                {staff && <td>{node.nextAppointmentAt ? instant(node.nextAppointmentAt) : '—'}</td>}
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
