import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../../components/QueryState';
import { day } from '../../format';
import { CaseloadDocument, OperatorCounsellorsDocument } from '../../graphql/generated';
import { Select } from '../../components/forms';
import { PATHWAY_STATUS } from '../../labels';

/** What needs doing, counted: a COUNSELLOR's own pathways, a MANAGER's operator's. */
export function StaffHome({ role }: { role: 'COUNSELLOR' | 'MANAGER' }) {
  // A manager sees the whole operator's, or one counsellor's.
  const [counsellorId, setCounsellorId] = useState('');
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
  const rows: [string, number, string | null][] = [
    ['Orientations reçues par la structure, à accepter ou refuser', data.referred.totalCount, '/parcours?statut=REFERRED'],
    ['dont en attente depuis trop longtemps', data.waitingTooLong.totalCount, '/parcours?statut=REFERRED'],
    ['Acceptées, entretien de diagnostic à planifier', count('ACCEPTED'), '/parcours?statut=ACCEPTED'],
    [`Entretiens de diagnostic cette semaine (du ${day(caseload.weekFrom)} au ${day(caseload.weekTo)})`, caseload.appointmentsThisWeek, '/parcours?statut=DIAGNOSTIC_SCHEDULED'],
    ['Entretiens passés à mettre à jour', caseload.appointmentsNeedingUpdate, '/parcours?statut=DIAGNOSTIC_SCHEDULED'],
    ['Suivis dans l’emploi à faire cette semaine', caseload.checkpointsThisWeek, '/suivis'],
    ['Suivis manqués', caseload.checkpointsMissed, '/suivis'],
    ['Mises en situation au-delà de leur fin prévue', caseload.placementsPastPlannedEnd, null],
    ['Offres proposées en cours', caseload.proposalsOpen, '/offres'],
    ['Propositions sans nouvelle', caseload.proposalsStale, null],
    ['Comptes rendus en retard de lecture chez les référents', caseload.reportsOverdue, null],
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
