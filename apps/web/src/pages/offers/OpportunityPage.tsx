import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useConfirm } from '../../components/actions';
import { Flash } from '../../components/Flash';
import { errorCode, fieldErrors, FormError } from '../../components/forms';
import { QueryState } from '../../components/QueryState';
import { frenchMessage } from '../../errors';
import { day, fullName } from '../../format';
import { CloseOpportunityDocument, OpportunityDocument, ProposeOpportunityDocument } from '../../graphql/generated';
import { CONTRACT, FIT_REASON, OPPORTUNITY, OPPORTUNITY_STATUS, PATHWAY_STATUS, QUALIFICATION } from '../../labels';

/** One offer (`/offres/:id`): its terms, its candidates ranked by fit (each proposed in one click), closing it. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: OpportunityDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const [proposed, propose] = useMutation(ProposeOpportunityDocument);
  const [closed, close] = useMutation(CloseOpportunityDocument);
  const [dialog, ask] = useConfirm();
  const offer = data?.opportunity;
  if (!offer) return <QueryState fetching={fetching} error={error} />;
  const failures = [
    ...(proposed.error ? [frenchMessage(errorCode(proposed.error)!)] : []),
    ...(fieldErrors(proposed.data?.proposeOpportunity.userErrors ?? [])[''] ?? []),
    ...(fieldErrors(proposed.data?.proposeOpportunity.userErrors ?? []).pathwayId ?? []),
    ...(fieldErrors(closed.data?.closeOpportunity.userErrors ?? [])[''] ?? []),
  ];
  const open = offer.status === 'OPEN';
  return (
    <>
      <h1 tabIndex={-1}>{offer.title}</h1>
      <Flash />
      <dl className="facts">
        <dt>Type</dt>
        <dd>
          {OPPORTUNITY[offer.kind]}, {CONTRACT[offer.contractType]}
          {offer.qualification ? ` (${QUALIFICATION[offer.qualification]}${offer.level ? `, niveau ${offer.level}` : ''})` : ''}
        </dd>
        <dt>Partenaire</dt>
        <dd>
          {offer.partner.name}
          {offer.client ? ` (pour ${offer.client.name})` : ''}
        </dd>
        <dt>Dates</dt>
        <dd>
          À partir du {day(offer.startOn)}
          {offer.endOn ? ` jusqu’au ${day(offer.endOn)}` : ''}
          {offer.hoursPerWeek ? `, ${offer.hoursPerWeek} h par semaine` : ''}
        </dd>
        <dt>Postes</dt>
        <dd>
          {offer.hires} pourvu(s){offer.positions ? ` sur ${offer.positions}` : ''}
        </dd>
        <dt>État</dt>
        <dd data-testid="opportunity-status">{OPPORTUNITY_STATUS[offer.status]}</dd>
      </dl>
      <FormError messages={failures.length ? failures : undefined} />
      {open && (
        <p className="buttons">
          <Link to={`/offres/${offer.id}/modifier`}>Modifier l’offre</Link>
          {dialog}
          <button
            type="button"
            disabled={closed.fetching}
            onClick={async () => {
              const sure = await ask({ title: `Clore l’offre « ${offer.title} » ?`, consequence: 'Elle ne pourra plus être proposée, et ses propositions en cours sont annulées. Une offre close ne se rouvre pas : il faudrait en publier une nouvelle.', confirm: 'Clore l’offre' });
              if (sure) void close({ input: { opportunityId: offer.id } });
            }}
          >
            Clore l’offre
          </button>
        </p>
      )}
      {open && (
        <section aria-labelledby="candidats">
          <h2 id="candidats">Personnes à qui la proposer</h2>
          {(data.candidates.edges.length ?? 0) === 0 ? (
            <p>Aucune personne diagnostiquée ou en emploi de la structure ne correspond pour l’instant.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Personnes classées par adéquation avec l’offre</caption>
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Pourquoi</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {data.candidates.edges.map(({ node }) => (
                  <tr key={node.pathway.id}>
                    <td>
                      <Link to={`/parcours/${node.pathway.id}`}>{fullName(node.pathway.participant)}</Link> ({node.pathway.participant.commune.name})
                    </td>
                    <td>{node.reasons.map((reason) => FIT_REASON[reason]).join(', ')}</td>
                    <td>{PATHWAY_STATUS[node.pathway.status]}</td>
                    <td>
                      <button type="button" disabled={proposed.fetching} onClick={() => void propose({ input: { opportunityId: offer.id, pathwayId: node.pathway.id } })}>
                        Proposer à {fullName(node.pathway.participant)}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {proposed.data?.proposeOpportunity.proposal && (
            <p className="alert alert-success" role="status">
              Offre proposée : suivez ses étapes sur la page du parcours.
            </p>
          )}
        </section>
      )}
      <p>
        <Link to="/offres">Toutes les offres</Link>
      </p>
    </>
  );
}
