import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorCode } from '../components/forms';
import { useInbox } from '../components/inbox';
import { QueryState } from '../components/QueryState';
import { frenchMessage } from '../errors';
import { day, instant } from '../format';
import { AcknowledgeReportDocument, ReferentReportDocument } from '../graphql/generated';
import { BARRIER, DIFFICULTY, CONTRACT, DECLINE_REASON, END_REASON, EXIT_REASON, OPPORTUNITY, OUTCOME, PROPOSAL, PROPOSAL_REASON, READINESS, REPORT_KIND, REPORT_STATE, SITUATION } from '../labels';

/** One report, at the address the e-mail links to (/reports/:id). */
export function ReportPage() {
  const { id = '' } = useParams();
  const inbox = useInbox();
  const [{ data, fetching, error }] = useQuery({ query: ReferentReportDocument, variables: { id } });
  const [acknowledging, acknowledge] = useMutation(AcknowledgeReportDocument);
  const report = data?.referentReport;
  if (!report) return <QueryState fetching={fetching} error={error} />;
  const failure = acknowledging.data?.acknowledgeReport.userErrors[0] ?? (acknowledging.error ? { code: errorCode(acknowledging.error)!, message: '' } : undefined);

  return (
    <>
      <h1 tabIndex={-1}>
        {REPORT_KIND[report.kind]} : {report.participantName}
      </h1>
      <dl className="facts">
        <dt>État</dt>
        <dd data-testid="report-state">{REPORT_STATE[report.state]}</dd>
        <dt>Reçu le</dt>
        <dd>{instant(report.eventAt)}</dd>
        <dt>À lire avant le</dt>
        <dd>{day(report.dueOn)}</dd>
        {report.acknowledgedAt && (
          <>
            <dt>Lu le</dt>
            <dd>{instant(report.acknowledgedAt)}</dd>
          </>
        )}
      </dl>
      {report.operator && (
        <section aria-labelledby="qui-appeler" className="panel">
          <h2 id="qui-appeler">Qui contacter</h2>
          <dl className="facts">
            <dt>Conseiller ou conseillère</dt>
            <dd data-testid="report-counsellor">
              {report.counsellor ? (
                <>
                  {report.counsellor.fullName}, <a href={`mailto:${report.counsellor.email}`}>{report.counsellor.email}</a>
                </>
              ) : (
                'pas encore désigné'
              )}
            </dd>
            <dt>Structure</dt>
            <dd data-testid="report-operator">
              {report.operator.name}
              {report.operator.contact?.address ? `, ${report.operator.contact.address}` : ''}
              {report.operator.contact?.phone ? (
                <>
                  , <a href={`tel:${report.operator.contact.phone.replace(/\s/g, '')}`}>{report.operator.contact.phone}</a>
                </>
              ) : null}
              {report.operator.contact?.email ? (
                <>
                  , <a href={`mailto:${report.operator.contact.email}`}>{report.operator.contact.email}</a>
                </>
              ) : null}
            </dd>
          </dl>
        </section>
      )}
      {report.correction && <p className="alert alert-info">Ce compte rendu corrige un compte rendu précédent.</p>}
      <h2>La suite</h2>
      <p>{report.nextStep}</p>
      {report.readiness && (
        <>
          <h2>Diagnostic</h2>
          <p>Conclusion : {READINESS[report.readiness]}</p>
          {report.counsellorSummary && <p>Synthèse de la conseillère ou du conseiller : {report.counsellorSummary}</p>}
        </>
      )}
      {report.barriers.length > 0 && (
        <>
          <h2>Freins</h2>
          <ul>
            {report.barriers.map((barrier) => (
              <li key={barrier.theme}>
                {BARRIER[barrier.theme]}
                {barrier.blocking ? ' (bloquant)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.declineReason && <p>Motif : {DECLINE_REASON[report.declineReason]}</p>}
      {report.proposal && (
        <>
          <h2>Offre</h2>
          <p>
            {OPPORTUNITY[report.proposal.kind]} « {report.proposal.title} » ({CONTRACT[report.proposal.contractType]}) chez {report.proposal.partnerName} :{' '}
            {PROPOSAL[report.proposal.step]}
            {report.proposal.reason ? `, motif : ${PROPOSAL_REASON[report.proposal.reason]}` : ''}.
          </p>
        </>
      )}
      {report.placement && (
        <>
          <h2>Mise en situation</h2>
          <p>
            {CONTRACT[report.placement.contractType]}
            {report.placement.partnerName ? ` chez ${report.placement.partnerName}` : ''}
            {report.placement.clientName ? ` (entreprise utilisatrice : ${report.placement.clientName})` : ''}, du {day(report.placement.startOn)}
            {report.placement.endedOn ? ` au ${day(report.placement.endedOn)}` : report.placement.plannedEndOn ? `, fin prévue le ${day(report.placement.plannedEndOn)}` : ''}
            {report.placement.endReason ? ` ; fin : ${END_REASON[report.placement.endReason]}` : ''}.
          </p>
        </>
      )}
      {report.followUp && (
        <>
          <h2>Suivi dans l’emploi</h2>
          <p>
            Contact du {day(report.followUp.contactOn)}
            {report.followUp.situation ? ` : ${SITUATION[report.followUp.situation]}` : ''}.
          </p>
          <ul>
            {report.followUp.difficulties.map((difficulty) => (
              <li key={difficulty.theme}>
                {DIFFICULTY[difficulty.theme]}
                {difficulty.blocking ? ' (bloquant)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.exit && (
        <>
          <h2>Sortie</h2>
          <p>
            {OUTCOME[report.exit.category]}
            {report.exit.exitedOn ? `, le ${day(report.exit.exitedOn)}` : ''}
            {report.exit.reason ? ` (${EXIT_REASON[report.exit.reason]})` : ''}.
          </p>
        </>
      )}
      <p>
        <Link to={`/parcours/${report.pathwayId}`}>Voir le parcours de {report.participantName}</Link>
      </p>
      {failure && (
        <p className="alert alert-error" role="alert">
          {frenchMessage(failure.code, failure.message)}
        </p>
      )}
      {report.state !== 'ACKNOWLEDGED' && (
        <button
          type="button"
          className="primary"
          disabled={acknowledging.fetching}
          onClick={async () => {
            await acknowledge({ input: { reportId: report.id } });
            inbox.refresh();
          }}
        >
          J’ai lu ce compte rendu
        </button>
      )}
      {report.state === 'ACKNOWLEDGED' && (
        <p className="alert alert-success" role="status">
          Vous avez accusé réception de ce compte rendu.
        </p>
      )}
    </>
  );
}
