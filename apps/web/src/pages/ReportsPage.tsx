import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth';
import { useQuery } from 'urql';
import { errorCode, Select } from '../components/forms';
import { useInbox } from '../components/inbox';
import { Pager, usePages } from '../components/Pager';
import { frenchMessage } from '../errors';
import { day, instant } from '../format';
import { ReferentReportsDocument, type ReportState } from '../graphql/generated';
import { REPORT_KIND, REPORT_STATE } from '../labels';

/** The referent's reports, newest first, opening on those to read; a new one appears without a reload (the inbox's subscription). */
export function ReportsPage() {
  const inbox = useInbox();
  const me = useMe();
  const [params] = useSearchParams();
  // What the referent must do first: the reports to read; every report is one choice away. A caseload line asks for one state (?etat=OVERDUE).
  const asked = params.get('etat');
  const [state, setState] = useState<ReportState | ''>(() => (asked && asked in REPORT_STATE ? (asked as ReportState) : 'UNACKNOWLEDGED'));
  const pages = usePages();
  const [{ data, error }, reexecute] = useQuery({
    query: ReferentReportsDocument,
    variables: { first: 50, after: pages.after, filter: state ? { state } : undefined },
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (inbox.version > 0) reexecute({ requestPolicy: 'network-only' });
  }, [inbox.version, reexecute]);
  const reports = data?.referentReports;

  return (
    <>
      <h1 tabIndex={-1}>Comptes rendus</h1>
      {me.role === 'REFERENT' ? (
        <p aria-live="polite" data-testid="inbox-summary">
          {inbox.toRead === 0 ? 'Aucun compte rendu à lire.' : inbox.toRead === 1 ? '1 compte rendu à lire.' : `${inbox.toRead} comptes rendus à lire.`}
        </p>
      ) : (
        <p>Les comptes rendus adressés aux référents des parcours de la structure.</p>
      )}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <Select
          label="Afficher"
          value={state}
          onChange={(value) => {
            setState(value);
            pages.reset();
          }}
          options={Object.entries(REPORT_STATE) as [ReportState, string][]}
          empty="Tous les comptes rendus"
        />
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      {reports && <p role="status">{reports.totalCount === 0 ? 'Aucun compte rendu.' : `${reports.totalCount} compte(s) rendu(s)`}</p>}
      {reports && reports.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">Comptes rendus reçus</caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Objet</th>
              <th scope="col">Reçu le</th>
              <th scope="col">À lire avant le</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {reports.edges.map(({ node }) => (
              <tr key={node.id} className={node.state === 'ACKNOWLEDGED' ? '' : 'unread'}>
                <td>
                  <Link to={`/reports/${node.id}`}>{node.participantName}</Link>
                </td>
                <td>{REPORT_KIND[node.kind]}</td>
                <td>{instant(node.eventAt)}</td>
                <td>{day(node.dueOn)}</td>
                <td>{REPORT_STATE[node.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={reports?.pageInfo} />
    </>
  );
}
