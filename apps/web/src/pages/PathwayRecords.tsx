import { useState } from 'react';
import { Link } from 'react-router';
import { day, fullName, instant, lower } from '../format';
import type { OutboxSkipReason, OutboxStatus, PathwayQuery, PersonMessageKind } from '../graphql/generated';
import {
  APPOINTMENT,
  ASSESSMENT,
  BARRIER,
  CHANNEL,
  CHECKPOINT,
  CONTACT,
  CONTRACT,
  DECLINE_REASON,
  DIFFICULTY,
  ELIGIBILITY,
  END_REASON,
  EVENT,
  EXIT_REASON,
  OPPORTUNITY,
  OUTCOME,
  PATHWAY_STATUS,
  PERSON_FIELD,
  PROPOSAL,
  PROPOSAL_REASON,
  READINESS,
  RSA,
  SITUATION,
  WORKING_TIME,
} from '../labels';

export type Pathway = PathwayQuery['pathway'];
type Event = Pathway['history'][number];
type Placement = Pathway['placements'][number];

/** How many history lines show before "Tout l'historique". */
const RECENT = 5;

function label<T extends string>(table: Record<T, string>, code: string | null | undefined): string | undefined {
  return code && code in table ? table[code as T] : undefined;
}

/** A placement in a few words: "CDD chez Propreté Forez, du 16/03/2026". */
export function placementName(placement: Placement): string {
  const partner = placement.employer ?? placement.tempAgency ?? placement.trainingBody;
  return `${CONTRACT[placement.contractType]}${partner ? ` chez ${partner.name}` : ''}, du ${day(placement.startOn)}`;
}

/** What happened, in words: the step, the offer, the contract, who was put in charge, what was corrected. */
export function eventLine(event: Event, pathway: Pathway): string {
  const proposal = pathway.proposals.find((one) => one.id === event.proposalId);
  const placement = pathway.placements.find((one) => one.id === event.placementId);
  const contact = pathway.contacts.find((one) => one.id === event.contactId);
  const offer = proposal ? ` « ${proposal.offer.title} »` : '';
  const status = event.toStatus && event.fromStatus !== event.toStatus ? ` ; le parcours passe à « ${PATHWAY_STATUS[event.toStatus]} »` : '';
  switch (event.type) {
    case 'OpportunityProposed':
      return `Offre proposée :${offer || ' une offre'}`;
    case 'ProposalStepRecorded': {
      const why = label(PROPOSAL_REASON, event.reason);
      return `Proposition${offer} : ${lower(label(PROPOSAL, event.proposalStep) ?? 'nouvelle étape')}${why ? ` (${lower(why)})` : ''}${status}`;
    }
    case 'PlacementStarted':
    case 'PlacementEnded':
    case 'PlacementCorrected':
      return `${EVENT[event.type]}${placement ? ` : ${placementName(placement)}` : ''}${status}`;
    case 'ContactRecorded':
      return `Contact de suivi${contact ? ` (${lower(CONTACT[contact.kind])})` : ''}`;
    case 'CounsellorAssigned':
      return `Conseiller ou conseillère en charge : ${event.toUserId && event.toUserId === pathway.counsellor?.id ? pathway.counsellor.fullName : 'une autre personne de la structure'}`;
    case 'ReferentAssigned':
      return `Parcours confié à ${event.toUserId && event.toUserId === pathway.referent.id ? pathway.referent.fullName : 'un autre référent'}`;
    case 'ParticipantUpdated':
      // By nobody on the staff: the person, through the link in their messages (they stopped them).
      return `${event.byUserId ? 'Coordonnées corrigées' : 'La personne (par son lien) ne veut plus de messages'}${event.fields?.length ? ` : ${event.fields.map((field) => PERSON_FIELD[field] ?? field).join(', ')}` : ''}`;
    case 'AppointmentAnswered':
      return `La personne (par son lien) : ${event.reason === 'COMING' ? 'sera présente à son entretien' : `ne pourra pas venir à son entretien${event.reason === 'CANNOT_COME_CALL_BACK' ? ', demande à être rappelée' : ''}`}`;
    case 'ReferralDeclined':
      return `${EVENT[event.type]}${label(DECLINE_REASON, event.reason) ? ` : ${lower(label(DECLINE_REASON, event.reason)!)}` : ''}`;
    case 'PathwayExited': {
      const outcome = label(OUTCOME, event.outcomeCategory);
      return `${EVENT[event.type]}${label(EXIT_REASON, event.reason) ? ` : ${lower(label(EXIT_REASON, event.reason)!)}` : ''}${outcome ? ` (${outcome})` : ''}`;
    }
    default:
      return `${EVENT[event.type]}${status}`;
  }
}

/** The history, newest first: the last few lines, the rest one click away. */
export function Timeline({ pathway }: { pathway: Pathway }) {
  const [all, setAll] = useState(false);
  const events = [...pathway.history].reverse();
  const shown = all ? events : events.slice(0, RECENT);
  return (
    <section aria-labelledby="historique">
      <h2 id="historique">Historique</h2>
      <ol className="timeline">
        {shown.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            <span className="when">{instant(event.at)}</span> {eventLine(event, pathway)}
            {event.comment ? <span className="comment"> « {event.comment} »</span> : null}
          </li>
        ))}
      </ol>
      {events.length > RECENT && (
        <button type="button" className="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Seulement les derniers événements' : `Tout l’historique (${events.length} événements)`}
        </button>
      )}
    </section>
  );
}

/** The diagnostic, folded under its conclusion. */
function Diagnostic({ diagnostic }: { diagnostic: NonNullable<Pathway['diagnostic']> }) {
  // Notes reach the operator's staff only: the API answers null to anyone else.
  const notes = diagnostic.assessments.some((assessment) => assessment.note);
  return (
    <details className="record">
      <summary>
        <h3>
          Diagnostic du {instant(diagnostic.recordedAt)} : {lower(READINESS[diagnostic.readiness])}
        </h3>
      </summary>
      {diagnostic.correctedAt && <p>Corrigé le {instant(diagnostic.correctedAt)}.</p>}
      <dl className="facts">
        <dt>Synthèse</dt>
        <dd>{diagnostic.summary}</dd>
        {diagnostic.targetJobs.length > 0 && (
          <>
            <dt>Métiers visés</dt>
            <dd>{diagnostic.targetJobs.map((job) => job.title + (job.romeCode ? ` (${job.romeCode})` : '')).join(', ')}</dd>
          </>
        )}
        {diagnostic.contractTypes.length > 0 && (
          <>
            <dt>Contrats recherchés</dt>
            <dd>{diagnostic.contractTypes.map((type) => CONTRACT[type]).join(', ')}</dd>
          </>
        )}
        <dt>Temps de travail</dt>
        <dd>{WORKING_TIME[diagnostic.workingTime]}</dd>
        {diagnostic.availableFrom && (
          <>
            <dt>Disponible à partir du</dt>
            <dd>{day(diagnostic.availableFrom)}</dd>
          </>
        )}
      </dl>
      {diagnostic.assessments.length > 0 && (
        <table>
          <caption>Freins évalués</caption>
          <thead>
            <tr>
              <th scope="col">Frein</th>
              <th scope="col">Évaluation</th>
              <th scope="col">Bloquant</th>
              {notes && <th scope="col">Note</th>}
            </tr>
          </thead>
          <tbody>
            {diagnostic.assessments.map((assessment) => (
              <tr key={assessment.theme}>
                <td>{BARRIER[assessment.theme]}</td>
                <td>{ASSESSMENT[assessment.status]}</td>
                <td>{assessment.blocking ? 'Oui' : 'Non'}</td>
                {notes && <td>{assessment.note}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** What the pathway holds so far, each kind in a few lines: appointments, diagnostic, offers, placements, follow-up, exit. */
export function Records({ pathway, staff }: { pathway: Pathway; staff: boolean }) {
  const { appointments, diagnostic, proposals, placements, contacts, checkpoints, outcome } = pathway;
  if (!appointments.length && !diagnostic && !proposals.length && !placements.length && !contacts.length && !outcome) return null;
  return (
    <section aria-labelledby="dossier">
      <h2 id="dossier">Le parcours</h2>
      {outcome && (
        <p>
          <strong>Sortie</strong> le {day(outcome.exitedOn)} : {OUTCOME[outcome.category]} ({lower(EXIT_REASON[outcome.reason])}).
        </p>
      )}
      {placements.length > 0 && (
        <>
          <h3>Mises en situation</h3>
          <ul>
            {placements.map((placement) => (
              <li key={placement.id}>
                {placementName(placement)}
                {placement.client ? ` (pour ${placement.client.name})` : ''}
                {placement.endedOn
                  ? ` au ${day(placement.endedOn)}${placement.endReason ? ` (${lower(END_REASON[placement.endReason])})` : ''}`
                  : placement.plannedEndOn
                    ? `, fin prévue le ${day(placement.plannedEndOn)}`
                    : ''}
                {placement.hoursPerWeek ? `, ${placement.hoursPerWeek} h par semaine` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {(contacts.length > 0 || (staff && checkpoints.length > 0)) && (
        <>
          <h3>Suivi dans l’emploi</h3>
          {staff && checkpoints.length > 0 && (
            <p>
              Points de suivi :{' '}
              {checkpoints.map((checkpoint, index) => (
                <span key={checkpoint.id}>
                  {index > 0 ? ', ' : ''}
                  {day(checkpoint.dueOn)} ({lower(CHECKPOINT[checkpoint.status])})
                </span>
              ))}
              .
            </p>
          )}
          {contacts.length > 0 && (
            <ul>
              {contacts.map((contact) => (
                <li key={contact.id}>
                  {day(contact.on)} : {CONTACT[contact.kind]}
                  {contact.situation ? `, ${lower(SITUATION[contact.situation])}` : ''}
                  {contact.difficulties.length > 0 ? `, difficultés : ${contact.difficulties.map((difficulty) => lower(DIFFICULTY[difficulty.theme])).join(', ')}` : ''}
                  {contact.nextStep ? `. Suite : ${contact.nextStep}` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {proposals.length > 0 && (
        <>
          <h3>Offres proposées</h3>
          <ul>
            {proposals.map((proposal) => (
              <li key={proposal.id}>
                {OPPORTUNITY[proposal.offer.kind]} « {proposal.offer.title} » ({CONTRACT[proposal.offer.contractType]}, {proposal.offer.partnerName}), proposée le {day(proposal.proposedOn)} :{' '}
                {lower(PROPOSAL[proposal.status])} le {day(proposal.lastStepOn)}
              </li>
            ))}
          </ul>
        </>
      )}
      {diagnostic && <Diagnostic diagnostic={diagnostic} />}
      {appointments.length > 0 && (
        <>
          <h3>Rendez-vous de diagnostic</h3>
          <ul>
            {appointments.map((appointment) => (
              <li key={appointment.id}>
                {instant(appointment.startsAt)}, {lower(CHANNEL[appointment.channel])}
                {appointment.place ? ` (${appointment.place})` : ''} : {lower(APPOINTMENT[appointment.status])}
                {answerLine(appointment) && (
                  <p className={appointment.answer === 'CANNOT_COME' ? 'alert alert-error' : 'alert alert-info'} data-testid={`answer-${appointment.id}`}>
                    {answerLine(appointment)}
                  </p>
                )}
                {appointment.messages.length > 0 && (
                  <ul data-testid={`messages-${appointment.id}`}>
                    {appointment.messages.map((message, index) => (
                      <li key={index}>{personMessageLine(message)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const MESSAGE_KIND: Record<PersonMessageKind, string> = { CONVOCATION: 'Convocation', NEW_TIME: 'Nouvel horaire', CANCELLATION: 'Annulation', REMINDER: 'Rappel' };
const NOT_SENT: Partial<Record<OutboxSkipReason, string>> = {
  NO_CONSENT: 'non envoyé : la personne n’a pas donné son accord pour ce moyen',
  SUPERSEDED: 'non envoyé : remplacé par un message plus récent',
  APPOINTMENT_PAST: 'non envoyé : l’heure était passée',
  APPOINTMENT_CLOSED: 'non envoyé : le rendez-vous était déjà clos',
  PERSON_CANNOT_COME: 'non envoyé : la personne a prévenu qu’elle ne pourrait pas venir',
};

/** A message to the person, as the counsellor needs to know it: what, how, and whether it left (or why not, or when it will). */
function personMessageLine(message: { kind: PersonMessageKind; channel: string; status: OutboxStatus; skipReason?: OutboxSkipReason | null; plannedAt: string; finishedAt?: string | null }): string {
  const what = `${MESSAGE_KIND[message.kind]} par ${message.channel === 'SMS' ? 'SMS' : 'e-mail'}`;
  if (message.status === 'SENT') return `${what} : envoyé le ${instant(message.finishedAt)}`;
  if (message.status === 'SKIPPED') return `${what} : ${(message.skipReason && NOT_SENT[message.skipReason]) ?? 'non envoyé'}`;
  if (message.status === 'DEAD') return `${what} : l’envoi a échoué`;
  return message.kind === 'REMINDER' ? `${what} : prévu le ${instant(message.plannedAt)}` : `${what} : en cours d’envoi`;
}

/** What the person answered through their link, as the counsellor needs it. */
function answerLine(appointment: { answer?: string | null; answerReason?: string | null; answerCallBack: boolean; answeredAt?: string | null }): string | null {
  if (!appointment.answer) return null;
  if (appointment.answer === 'COMING') return `La personne a confirmé sa présence (par son lien, le ${instant(appointment.answeredAt)})`;
  return `La personne a prévenu qu’elle ne pourra pas venir (par son lien, le ${instant(appointment.answeredAt)})${appointment.answerReason ? ` : « ${appointment.answerReason} »` : ''}${appointment.answerCallBack ? ' ; elle demande à être rappelée' : ''}`;
}

/** Who the person is and their situation when referred: rarely needed at work, so folded. */
export function PersonDetails({ pathway }: { pathway: Pathway }) {
  const person = pathway.participant;
  return (
    <details className="record">
      <summary>
        <h2>Identité et situation à l’orientation</h2>
      </summary>
      <dl className="facts">
        <dt>Date de naissance</dt>
        <dd>{day(person.birthDate)}</dd>
        <dt>Adresse</dt>
        <dd>
          {person.addressLine}, {person.postalCode} {person.commune.name}
        </dd>
        <dt>Situation à l’orientation</dt>
        <dd>
          {RSA[pathway.situation.rsaStatus]} ; {pathway.situation.eligibilityReasons.map((reason) => ELIGIBILITY[reason]).join(', ')}
          {pathway.situation.barriers.length > 0 ? ` ; freins : ${pathway.situation.barriers.map((theme) => BARRIER[theme]).join(', ')}` : ''}
        </dd>
        <dt>Ses parcours</dt>
        <dd>
          <Link to={`/personnes/${person.id}`}>Tous les parcours de {fullName(person)}</Link>
        </dd>
      </dl>
    </details>
  );
}
