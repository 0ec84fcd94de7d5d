import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useMe } from '../../auth';
import { QueryState } from '../../components/QueryState';
import { day } from '../../format';
import { CaseloadDocument, OperatorCounsellorsDocument } from '../../graphql/generated';
import { Select } from '../../components/forms';
import { PATHWAY_STATUS } from '../../labels';

/** What needs doing, counted: a COUNSELLOR's own pathways, a MANAGER's operator's. */
export function StaffHome({ role }: { role: 'COUNSELLOR' | 'MANAGER' }) {
  const me = useMe();
  // A manager sees the whole operator's, or one counsellor's.
  // Kept in the address, so that coming back from a list finds the same caseload.
  const [params, setParams] = useSearchParams();
  const counsellorId = params.get('portefeuille') ?? '';
  const setCounsellorId = (id: string) => setParams(id ? { portefeuille: id } : {}, { replace: true });
  const [{ data: staff }] = useQuery({ query: OperatorCounsellorsDocument, pause: role !== 'MANAGER' });
  const [{ data, fetching, error }] = useQuery({ query: CaseloadDocument, variables: { counsellorId: counsellorId || undefined }, requestPolicy: 'cache-and-network' });
  const caseload = data?.caseload;
  const picker =
    role === 'MANAGER' ? (
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <Select
            label="Portefeuille"
            value={counsellorId}
            onChange={setCounsellorId}
            options={[['', 'Toute la structure'], ...(staff?.users.edges ?? []).map((edge) => [edge.node.id, edge.node.fullName] as [string, string])]}
          />
        </form>
    ) : null;
  if (!data || !caseload) {
    return (
      <>
        {picker}
        <QueryState fetching={fetching} error={error} />
      </>
    );
  }
  const count = (status: string) => caseload.openByStatus.find((row) => row.status === status)?.count ?? 0;
  // Each line opens the list of what it counts, for the same counsellor: its total is the line's count.
  const whose = role === 'COUNSELLOR' ? me.id : counsellorId;
  const list = (path: string, query: string) => `${path}?${query}${whose ? `&conseiller=${whose}` : ''}`;
  const rows: [string, number, string | null][] = [
    ['Orientations reçues par la structure, à accepter ou refuser', data.referred.totalCount, '/parcours?statut=REFERRED&conseiller=tous'],
    ['dont en attente depuis trop longtemps', data.waitingTooLong.totalCount, '/parcours?attente=1&conseiller=tous'],
    ['Personnes qui ont prévenu qu’elles ne pourront pas venir à leur entretien : à rappeler, puis déplacer ou excuser', caseload.appointmentsPersonCannotCome, list('/parcours', 'besoin=PERSON_CANNOT_COME')],
    ['Acceptées, entretien de diagnostic à planifier', count('ACCEPTED'), list('/parcours', 'statut=ACCEPTED')],
    [`Parcours avec un entretien de diagnostic cette semaine (du ${day(caseload.weekFrom)} au ${day(caseload.weekTo)})`, caseload.appointmentsThisWeek, list('/parcours', 'besoin=APPOINTMENT_THIS_WEEK')],
    ['Parcours dont l’entretien passé est à mettre à jour', caseload.appointmentsNeedingUpdate, list('/parcours', 'besoin=APPOINTMENT_TO_UPDATE')],
    ['Suivis dans l’emploi à faire cette semaine', caseload.checkpointsThisWeek, list('/suivis', `du=${caseload.weekFrom}&au=${caseload.weekTo}`)],
    ['Suivis manqués', caseload.checkpointsMissed, list('/suivis', 'statut=MISSED')],
    ['Contrats qui se terminent dans les 15 jours : préparer la suite', caseload.contractsEndingSoon, list('/parcours', 'besoin=CONTRACT_ENDING_SOON')],
    ['Parcours dont une mise en situation a dépassé sa fin prévue', caseload.placementsPastPlannedEnd, list('/parcours', 'besoin=PLACEMENT_PAST_PLANNED_END')],
    ['Parcours avec une offre proposée en cours', caseload.proposalsOpen, list('/parcours', 'besoin=PROPOSAL_OPEN')],
    ['Parcours avec une proposition sans nouvelle', caseload.proposalsStale, list('/parcours', 'besoin=PROPOSAL_STALE')],
    // A manager reads the operator's reports (the list has no counsellor filter: the whole operator's only).
    ['Comptes rendus en retard de lecture chez les référents', caseload.reportsOverdue, role === 'MANAGER' && !counsellorId ? '/reports?etat=OVERDUE' : null],
  ];
  return (
    <section aria-labelledby="portefeuille">
      <h2 id="portefeuille">{role === 'MANAGER' ? (counsellorId ? 'Ce qui attend ce conseiller ou cette conseillère' : 'Ce qui attend la structure') : 'Ce qui vous attend'}</h2>
      {picker}
      <table>
        <caption className="visually-hidden">À faire, compté</caption>
        <thead>
          <tr>
            <th scope="col">À faire</th>
            <th scope="col">Nombre</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value, link]) => (
            <tr key={label}>
              <td>{link && value > 0 ? <Link to={link}>{label}</Link> : label}</td>
              <td data-testid={`caseload-${label}`}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Parcours en cours :{' '}
        {caseload.openByStatus
          .filter((row) => row.count > 0)
          .map((row) => `${PATHWAY_STATUS[row.status]} ${row.count}`)
          .join(', ') || 'aucun'}
        . <Link to="/parcours">Tous les parcours</Link>
      </p>
    </section>
  );
}
