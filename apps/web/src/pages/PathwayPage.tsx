import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Flash } from '../components/Flash';
import { useMutation, useQuery } from 'urql';
import { errorCode, fieldErrors, FormError, TextArea, TextField, type FieldErrors } from '../components/forms';
import { QueryState } from '../components/QueryState';
import { frenchMessage } from '../errors';
import { day, fullName, instant } from '../format';
import { AssignReferentDocument, PathwayDocument, ReferentsDocument, WithdrawReferralDocument, type PathwayQuery } from '../graphql/generated';
import { useMe } from '../auth';
import { PlannedAppointment, ScheduleDiagnostic } from './staff/AppointmentForms';
import { EndPlacement, ExitPathway, StartPlacement } from './staff/PlacementForms';
import { ProposalStep } from './staff/ProposalStep';
import { ContactForm } from './staff/ContactForm';
import { CorrectPerson, CorrectPlacement } from './staff/Corrections';
import { PersonData } from './admin/PersonData';

/** Contacts are recorded from the acceptance to the exit, and after it (the server's FOLLOWED). */
const FOLLOWED = ['ACCEPTED', 'DIAGNOSTIC_SCHEDULED', 'DIAGNOSED', 'IN_PLACEMENT', 'EXITED'];
import { AssignCounsellor, ReferralDecision } from './staff/ReferralDecision';
import {
  APPOINTMENT,
  ASSESSMENT,
  BARRIER,
  CHANNEL,
  CHECKPOINT,
  DIFFICULTY,
  CONTACT,
  CONTRACT,
  DECLINE_REASON,
  ELIGIBILITY,
  END_REASON,
  EVENT,
  EXIT_REASON,
  OPEN_STATUSES,
  OPPORTUNITY,
  OUTCOME,
  PATHWAY_STATUS,
  PROPOSAL,
  READINESS,
  RSA,
  SITUATION,
  WORKING_TIME,
} from '../labels';

type Pathway = PathwayQuery['pathway'];

function Timeline({ pathway }: { pathway: Pathway }) {
  return (
    <ol className="timeline">
      {[...pathway.history].reverse().map((event, index) => (
        <li key={`${event.at}-${index}`}>
          <span className="when">{instant(event.at)}</span> <strong>{EVENT[event.type]}</strong>
          {event.toStatus && event.fromStatus !== event.toStatus ? ` : ${PATHWAY_STATUS[event.toStatus]}` : ''}
          {event.outcomeCategory && event.outcomeCategory in OUTCOME ? ` (${OUTCOME[event.outcomeCategory as keyof typeof OUTCOME]})` : ''}
          {event.comment ? <span className="comment"> « {event.comment} »</span> : null}
        </li>
      ))}
    </ol>
  );
}

function Diagnostic({ diagnostic }: { diagnostic: NonNullable<Pathway['diagnostic']> }) {
  // Notes reach the operator's staff only: the API answers null to anyone else.
  const notes = diagnostic.assessments.some((assessment) => assessment.note);
  return (
    <section aria-labelledby="diagnostic">
      <h2 id="diagnostic">Diagnostic du {instant(diagnostic.recordedAt)}</h2>
      {diagnostic.correctedAt && <p>Corrigé le {instant(diagnostic.correctedAt)}.</p>}
      <dl className="facts">
        <dt>Conclusion</dt>
        <dd>{READINESS[diagnostic.readiness]}</dd>
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
    </section>
  );
}

function Withdraw({ pathway }: { pathway: Pathway }) {
  const [reason, setReason] = useState('');
  const [{ fetching, data, error }, withdraw] = useMutation(WithdrawReferralDocument);
  const failures = data?.withdrawReferral.userErrors ?? [];
  return (
    <form
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        void withdraw({ input: { pathwayId: pathway.id, reason: reason.trim() || undefined } });
      }}
    >
      <h3>Retirer l’orientation</h3>
      <p>La structure cesse l’accompagnement ; le parcours est clos.</p>
      <FormError messages={failures.length ? fieldErrors(failures)[''] : error ? [frenchMessage(errorCode(error)!)] : undefined} />
      <TextArea label="Motif (facultatif)" value={reason} onChange={setReason} errors={fieldErrors(failures).reason} />
      <button type="submit" disabled={fetching}>
        Retirer l’orientation
      </button>
    </form>
  );
}

function HandOver({ pathway }: { pathway: Pathway }) {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ id: string; fullName: string } | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ data }] = useQuery({ query: ReferentsDocument, variables: { search: search.trim() }, pause: search.trim().length < 2 || chosen !== null });
  const [{ fetching }, assign] = useMutation(AssignReferentDocument);
  const me = useMe();
  const found = (data?.referents ?? []).filter((referent) => referent.id !== me.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setErrors({ referentId: ['Choisissez le référent dans la liste.'] });
      return;
    }
    const result = await assign({ input: { pathwayId: pathway.id, referentId: chosen.id, reason } });
    // A referent who hands a pathway away no longer sees it: the payload is empty, without errors.
    if (result.data && result.data.assignReferent.userErrors.length === 0) {
      const flash = `Le parcours a été confié à ${chosen.fullName}.`;
      // The staff keep the pathway in sight; a referent who gave it away goes back to their list.
      navigate(me.role === 'REFERENT' ? '/parcours' : `/parcours/${pathway.id}`, { state: { flash } });
      setChosen(null);
      setReason('');
      return;
    }
    setErrors(result.data ? fieldErrors(result.data.assignReferent.userErrors) : { '': [frenchMessage(errorCode(result.error)!)] });
  }

  return (
    <form className="panel" onSubmit={submit}>
      <h3>Confier le parcours à un autre référent</h3>
      <p>{me.role === 'REFERENT' ? 'Vous n’y aurez plus accès ; le' : 'Le référent actuel n’y aura plus accès ; le'} nouveau référent recevra les comptes rendus.</p>
      <FormError messages={errors['']} />
      {chosen ? (
        <p>
          Nouveau référent : <strong>{chosen.fullName}</strong>{' '}
          <button type="button" className="link" onClick={() => setChosen(null)}>
            Changer
          </button>
        </p>
      ) : (
        <>
          <TextField label="Nouveau référent" hint="Tapez une partie de son nom, puis choisissez dans la liste." value={search} onChange={setSearch} errors={errors.referentId} />
          {found.length > 0 && (
            <ul className="choices" aria-label="Référents trouvés">
              {found.map((referent) => (
                <li key={referent.id}>
                  <button type="button" onClick={() => setChosen(referent)}>
                    {referent.fullName} ({referent.organisationName})
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <TextArea label="Motif du changement de référent" value={reason} onChange={setReason} errors={errors.reason} />
      <button type="submit" disabled={fetching}>
        Confier le parcours
      </button>
    </form>
  );
}

export function PathwayPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [{ data, fetching, error }] = useQuery({ query: PathwayDocument, variables: { id } });
  const pathway = data?.pathway;
  if (!pathway) return <QueryState fetching={fetching} error={error} />;
  const open = OPEN_STATUSES.includes(pathway.status);
  const mine = pathway.referent.id === me.id;
  const staff = me.role === 'COUNSELLOR' || me.role === 'MANAGER';
  const planned = pathway.appointments.find((appointment) => appointment.status === 'PLANNED');
  const person = pathway.participant;

  return (
    <>
      <h1 tabIndex={-1}>{fullName(person)}</h1>
      <Flash />
      <dl className="facts">
        <dt>Statut</dt>
        <dd data-testid="pathway-status">{PATHWAY_STATUS[pathway.status]}</dd>
        <dt>Date d’orientation</dt>
        <dd>{day(pathway.referredOn)}</dd>
        <dt>Structure</dt>
        <dd>{pathway.operator.name}</dd>
        <dt>Référent</dt>
        <dd>
          {pathway.referent.fullName} ({pathway.referent.organisationName})
        </dd>
        {pathway.counsellor && (
          <>
            <dt>Conseiller ou conseillère</dt>
            <dd>{pathway.counsellor.fullName}</dd>
          </>
        )}
        <dt>La personne</dt>
        <dd>
          <Link to={`/personnes/${person.id}`}>Tous ses parcours</Link>
        </dd>
        <dt>Date de naissance</dt>
        <dd>{day(person.birthDate)}</dd>
        <dt>Adresse</dt>
        <dd>
          {person.addressLine}, {person.postalCode} {person.commune.name}
        </dd>
        {person.phone && (
          <>
            <dt>Téléphone</dt>
            <dd>{person.phone}</dd>
          </>
        )}
        {person.email && (
          <>
            <dt>E-mail</dt>
            <dd>{person.email}</dd>
          </>
        )}
        <dt>Situation à l’orientation</dt>
        <dd>
          {RSA[pathway.situation.rsaStatus]} ; {pathway.situation.eligibilityReasons.map((reason) => ELIGIBILITY[reason]).join(', ')}
          {pathway.situation.barriers.length > 0 ? ` ; freins : ${pathway.situation.barriers.map((theme) => BARRIER[theme]).join(', ')}` : ''}
        </dd>
        {pathway.declineReason && (
          <>
            <dt>Motif de refus</dt>
            <dd>
              {DECLINE_REASON[pathway.declineReason]}
              {pathway.declineComment ? ` : ${pathway.declineComment}` : ''}
            </dd>
          </>
        )}
      </dl>

      {pathway.appointments.length > 0 && (
        <section aria-labelledby="rdv">
          <h2 id="rdv">Rendez-vous de diagnostic</h2>
          <ul>
            {pathway.appointments.map((appointment) => (
              <li key={appointment.id}>
                {instant(appointment.startsAt)}, {CHANNEL[appointment.channel].toLowerCase()}
                {appointment.place ? ` (${appointment.place})` : ''} : {APPOINTMENT[appointment.status]}
              </li>
            ))}
          </ul>
        </section>
      )}
      {pathway.diagnostic && <Diagnostic diagnostic={pathway.diagnostic} />}
      {pathway.proposals.length > 0 && (
        <section aria-labelledby="offres">
          <h2 id="offres">Offres proposées</h2>
          <ul>
            {pathway.proposals.map((proposal) => (
              <li key={proposal.id}>
                {OPPORTUNITY[proposal.offer.kind]} « {proposal.offer.title} » ({CONTRACT[proposal.offer.contractType]}, {proposal.offer.partnerName}), proposée le{' '}
                {day(proposal.proposedOn)} : {PROPOSAL[proposal.status]} le {day(proposal.lastStepOn)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {pathway.placements.length > 0 && (
        <section aria-labelledby="emplois">
          <h2 id="emplois">Mises en situation</h2>
          <ul>
            {pathway.placements.map((placement) => {
              const partner = placement.employer ?? placement.tempAgency ?? placement.trainingBody;
              return (
                <li key={placement.id}>
                  {CONTRACT[placement.contractType]}
                  {partner ? ` chez ${partner.name}` : ''}
                  {placement.client ? ` (pour ${placement.client.name})` : ''}, du {day(placement.startOn)}
                  {placement.endedOn
                    ? ` au ${day(placement.endedOn)}${placement.endReason ? ` (${END_REASON[placement.endReason]})` : ''}`
                    : placement.plannedEndOn
                      ? `, fin prévue le ${day(placement.plannedEndOn)}`
                      : ''}
                  {placement.hoursPerWeek ? `, ${placement.hoursPerWeek} h par semaine` : ''}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {pathway.contacts.length > 0 && (
        <section aria-labelledby="suivi">
          <h2 id="suivi">Suivi dans l’emploi</h2>
          <ul>
            {pathway.contacts.map((contact) => (
              <li key={contact.id}>
                {day(contact.on)} : {CONTACT[contact.kind]}
                {contact.situation ? `, ${SITUATION[contact.situation]}` : ''}
                {contact.difficulties.length > 0 ? `, difficultés : ${contact.difficulties.map((difficulty) => DIFFICULTY[difficulty.theme]).join(', ')}` : ''}
                {contact.nextStep ? `. Suite : ${contact.nextStep}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {pathway.outcome && (
        <section aria-labelledby="sortie">
          <h2 id="sortie">Sortie</h2>
          <p>
            {OUTCOME[pathway.outcome.category]} le {day(pathway.outcome.exitedOn)} ({EXIT_REASON[pathway.outcome.reason]}).
          </p>
        </section>
      )}
      <section aria-labelledby="historique">
        <h2 id="historique">Historique</h2>
        <Timeline pathway={pathway} />
      </section>
      {open && mine && (
        <section aria-labelledby="actions">
          <h2 id="actions">Actions</h2>
          <HandOver pathway={pathway} />
          <CorrectPerson person={person} />
          <Withdraw pathway={pathway} />
        </section>
      )}
      {staff && open && (
        <section aria-labelledby="actions">
          <h2 id="actions">Actions</h2>
          {me.role === 'MANAGER' && pathway.counsellor && <AssignCounsellor pathwayId={pathway.id} current={pathway.counsellor.id} />}
          {me.role === 'MANAGER' && <HandOver pathway={pathway} />}
          {pathway.status === 'REFERRED' && <ReferralDecision pathwayId={pathway.id} />}
          {pathway.status === 'ACCEPTED' && <ScheduleDiagnostic pathwayId={pathway.id} />}
          {pathway.status === 'DIAGNOSTIC_SCHEDULED' && planned && (
            <>
              <p>
                <Link to={`/parcours/${pathway.id}/diagnostic`}>Saisir le diagnostic</Link> (une fois l’entretien commencé).
              </p>
              <PlannedAppointment appointment={planned} />
            </>
          )}
          {pathway.proposals.map((proposal) => (
            <ProposalStep key={`${proposal.id}-${proposal.status}`} proposal={proposal} />
          ))}
          {(pathway.status === 'DIAGNOSED' || pathway.status === 'IN_PLACEMENT') && (
            <StartPlacement
              pathwayId={pathway.id}
              drafts={pathway.proposals.flatMap((proposal) => (proposal.placementDraft ? [{ title: proposal.offer.title, draft: proposal.placementDraft }] : []))}
            />
          )}
          {pathway.placements
            .filter((placement) => placement.running)
            .map((placement) => (
              <EndPlacement key={placement.id} placement={placement} />
            ))}
          {pathway.placements.map((placement) => (
            <CorrectPlacement key={`${placement.id}-${placement.startOn}-${placement.endedOn ?? ''}`} placement={placement} />
          ))}
          <CorrectPerson person={person} />
          {/* A referral not yet taken on is declined, not exited. */}
          {pathway.status !== 'REFERRED' && <ExitPathway pathwayId={pathway.id} />}
        </section>
      )}
      {staff && FOLLOWED.includes(pathway.status) && (
        <section aria-labelledby="calendrier">
          <h2 id="calendrier">Suivi dans l’emploi : calendrier et contacts</h2>
          {pathway.checkpoints.length > 0 && (
            <ul>
              {pathway.checkpoints.map((checkpoint) => (
                <li key={checkpoint.id}>
                  {day(checkpoint.dueOn)} : {CHECKPOINT[checkpoint.status]}
                </li>
              ))}
            </ul>
          )}
          <ContactForm pathwayId={pathway.id} checkpoints={pathway.checkpoints} />
        </section>
      )}
      {me.role === 'ADMIN' && open && (
        <section aria-labelledby="actions-admin">
          <h2 id="actions-admin">Actions</h2>
          <HandOver pathway={pathway} />
        </section>
      )}
      {(me.role === 'ADMIN' || me.role === 'MANAGER') && <PersonData participantId={person.id} person={fullName(person)} />}
      {staff && pathway.diagnostic && (
        <p>
          <Link to={`/parcours/${pathway.id}/diagnostic`}>Corriger le diagnostic</Link>
        </p>
      )}
    </>
  );
}
