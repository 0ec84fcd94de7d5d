import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../auth';
import { ActionDone, ActionMenu, Form, useConfirm, useDone, type Action } from '../components/actions';
import { Flash } from '../components/Flash';
import { errorCode, fieldErrors, FormError, TextArea, TextField, type FieldErrors } from '../components/forms';
import { QueryState } from '../components/QueryState';
import { frenchMessage } from '../errors';
import { day, fullName, phone, today } from '../format';
import { Conversation } from './Conversation';
import { AssignReferentDocument, PathwayDocument, ReferentsDocument, WithdrawReferralDocument } from '../graphql/generated';
import { DECLINE_REASON, OPEN_STATUSES, PATHWAY_STATUS } from '../labels';
import { PersonData } from './admin/PersonData';
import { consentLine, MessageConsents } from './MessageConsents';
import { PersonDetails, placementName, Records, Timeline, type Pathway } from './PathwayRecords';
import { PlannedAppointment, RescheduleAppointment, ScheduleDiagnostic } from './staff/AppointmentForms';
import { ContactForm } from './staff/ContactForm';
import { CorrectPerson, CorrectPlacement } from './staff/Corrections';
import { EndPlacement, ExitPathway, StartPlacement } from './staff/PlacementForms';
import { hasNextStep, ProposalStep } from './staff/ProposalStep';
import { AssignCounsellor, ReferralDecision } from './staff/ReferralDecision';

/** Contacts are recorded from the acceptance to the exit, and after it (the server's FOLLOWED). */
const FOLLOWED = ['ACCEPTED', 'DIAGNOSTIC_SCHEDULED', 'DIAGNOSED', 'IN_PLACEMENT', 'EXITED'];

function Withdraw({ pathway }: { pathway: Pathway }) {
  const [reason, setReason] = useState('');
  const [{ fetching, data, error }, withdraw] = useMutation(WithdrawReferralDocument);
  const [dialog, ask] = useConfirm();
  const done = useDone();
  const failures = data?.withdrawReferral.userErrors ?? [];
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const sure = await ask({ title: 'Retirer l’orientation ?', consequence: `L’accompagnement de ${fullName(pathway.participant)} par ${pathway.operator.name} s’arrête et le parcours est clos. Cela ne peut pas être annulé : il faudrait orienter la personne à nouveau.`, confirm: 'Retirer l’orientation' });
        if (!sure) return;
        const result = await withdraw({ input: { pathwayId: pathway.id, reason: reason.trim() || undefined } });
        if (result.data?.withdrawReferral.userErrors.length === 0) done('L’orientation est retirée ; le parcours est clos.');
      }}
    >
      {dialog}
      <h3>Retirer l’orientation</h3>
      <p>La structure cesse l’accompagnement ; le parcours est clos.</p>
      <FormError messages={failures.length ? fieldErrors(failures)[''] : error ? [frenchMessage(errorCode(error)!)] : undefined} />
      <TextArea label="Motif (facultatif)" value={reason} onChange={setReason} errors={fieldErrors(failures).reason} />
      <button type="submit" disabled={fetching}>
        Retirer l’orientation
      </button>
    </Form>
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
  const done = useDone();
  const found = (data?.referents ?? []).filter((referent) => referent.id !== me.id);

  async function submit() {
    if (!chosen) {
      setErrors({ referentId: ['Choisissez le référent dans la liste.'] });
      return;
    }
    const result = await assign({ input: { pathwayId: pathway.id, referentId: chosen.id, reason } });
    // A referent who hands a pathway away no longer sees it: the payload is empty, without errors.
    if (result.data && result.data.assignReferent.userErrors.length === 0) {
      const flash = `Le parcours a été confié à ${chosen.fullName}.`;
      // The staff keep the pathway in sight; a referent who gave it away goes back to their list.
      if (me.role === 'REFERENT') navigate('/parcours', { state: { flash } });
      else done(flash);
      return;
    }
    setErrors(result.data ? fieldErrors(result.data.assignReferent.userErrors) : { '': [frenchMessage(errorCode(result.error)!)] });
  }

  return (
    <Form className="panel" onSubmit={submit}>
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
    </Form>
  );
}

/**
 * The one action the pathway's status calls for, open (the operator's staff): accept or decline,
 * book the interview, record the diagnostic, the next step of an open proposal, start a placement,
 * end one past its planned end, record a follow-up contact. `key` names it, so that the menu
 * leaves it out.
 */
function nextStep(pathway: Pathway): { key: string; form: ReactNode } | null {
  const planned = pathway.appointments.find((appointment) => appointment.status === 'PLANNED');
  const proposal = pathway.proposals.find((one) => hasNextStep(one.status));
  const overdue = pathway.placements.find((placement) => placement.running && placement.plannedEndOn && placement.plannedEndOn < today());
  switch (pathway.status) {
    case 'REFERRED':
      return { key: 'decision', form: <ReferralDecision pathwayId={pathway.id} /> };
    case 'ACCEPTED':
      return { key: 'schedule', form: <ScheduleDiagnostic pathwayId={pathway.id} /> };
    case 'DIAGNOSTIC_SCHEDULED':
      return planned
        ? {
            key: 'interview',
            form: (
              <>
                <p>
                  <Link className="button primary" to={`/parcours/${pathway.id}/diagnostic`}>
                    Saisir le diagnostic
                  </Link>
                </p>
                <PlannedAppointment appointment={planned} />
              </>
            ),
          }
        : null;
    case 'DIAGNOSED':
      return proposal ? { key: `proposal-${proposal.id}`, form: <ProposalStep key={`${proposal.id}-${proposal.status}`} proposal={proposal} /> } : { key: 'start', form: <StartPlacement pathwayId={pathway.id} drafts={drafts(pathway)} /> };
    case 'IN_PLACEMENT':
      if (overdue) return { key: `end-${overdue.id}`, form: <EndPlacement key={overdue.id} placement={overdue} /> };
      return { key: 'contact', form: <ContactForm pathwayId={pathway.id} checkpoints={pathway.checkpoints} /> };
    case 'EXITED':
      return { key: 'contact', form: <ContactForm pathwayId={pathway.id} checkpoints={pathway.checkpoints} /> };
    default:
      return null;
  }
}

function drafts(pathway: Pathway) {
  return pathway.proposals.flatMap((proposal) => (proposal.placementDraft ? [{ title: proposal.offer.title, draft: proposal.placementDraft }] : []));
}

/** Everything else the reader may do on this pathway, in the order of a working day, folded in the menu. */
function otherActions(pathway: Pathway, me: ReturnType<typeof useMe>, next: string | undefined): Action[] {
  const open = OPEN_STATUSES.includes(pathway.status);
  const staff = me.role === 'COUNSELLOR' || me.role === 'MANAGER';
  const person = pathway.participant;
  const actions: Action[] = [];
  const add = (key: string, label: string, form: ReactNode) => {
    if (key !== next) actions.push({ key, label, form });
  };
  if (staff && open) {
    const planned = pathway.appointments.find((appointment) => appointment.status === 'PLANNED');
    if (planned) add('move', 'Déplacer l’entretien', <RescheduleAppointment appointment={planned} />);
    for (const proposal of pathway.proposals.filter((one) => hasNextStep(one.status))) add(`proposal-${proposal.id}`, `Étape suivante de « ${proposal.offer.title} »`, <ProposalStep key={`${proposal.id}-${proposal.status}`} proposal={proposal} />);
    if (pathway.status === 'DIAGNOSED' || pathway.status === 'IN_PLACEMENT') add('start', 'Démarrer une mise en situation', <StartPlacement pathwayId={pathway.id} drafts={drafts(pathway)} />);
    for (const placement of pathway.placements.filter((one) => one.running)) add(`end-${placement.id}`, `Terminer : ${placementName(placement)}`, <EndPlacement key={placement.id} placement={placement} />);
  }
  if (staff && FOLLOWED.includes(pathway.status)) add('contact', 'Enregistrer un contact de suivi', <ContactForm pathwayId={pathway.id} checkpoints={pathway.checkpoints} />);
  if (staff && (open || pathway.status === 'EXITED')) {
    for (const placement of pathway.placements) add(`correct-${placement.id}`, `Corriger les dates : ${placementName(placement)}`, <CorrectPlacement key={`${placement.id}-${placement.startOn}-${placement.endedOn ?? ''}`} placement={placement} />);
  }
  if (staff && open && me.role === 'MANAGER' && pathway.counsellor) add('counsellor', 'Changer de conseiller ou conseillère en charge', <AssignCounsellor pathwayId={pathway.id} current={pathway.counsellor.id} />);
  const mine = pathway.referent.id === me.id;
  if (open && (mine || me.role === 'MANAGER' || me.role === 'ADMIN')) add('referent', 'Confier le parcours à un autre référent', <HandOver pathway={pathway} />);
  if (open && (mine || staff)) add('person', 'Corriger l’identité ou les coordonnées', <CorrectPerson key={`${person.lastName}-${person.firstNames}-${person.birthDate}`} person={person} />);
  if (open && (mine || staff)) add('messages', 'Messages à la personne : accords SMS et e-mail', <MessageConsents person={person} mayRecord={staff} />);
  if (staff && open && pathway.status !== 'REFERRED') add('exit', 'Sortie du dispositif', <ExitPathway pathwayId={pathway.id} />);
  if (open && mine) add('withdraw', 'Retirer l’orientation', <Withdraw pathway={pathway} />);
  if (me.role === 'ADMIN' || me.role === 'MANAGER') add('data', me.role === 'ADMIN' ? 'Droits de la personne : export, effacement' : 'Droits de la personne : export de ses données', <PersonData participantId={person.id} person={fullName(person)} />);
  return actions;
}

/** Someone to reach: their name, and their e-mail as a link. */
function Reach({ who, organisation }: { who: { fullName: string; email: string }; organisation?: string }) {
  return (
    <>
      {who.fullName}
      {organisation ? ` (${organisation})` : ''}, <a href={`mailto:${who.email}`}>{who.email}</a>
    </>
  );
}

/**
 * A pathway's page, for a working day: who and where it stands in a header, the one action its
 * status calls for open below it, every other action one click away in a menu, then what the
 * pathway holds and its latest history. A save says so, closes its form and shows the page as it
 * now is, without a reload.
 */
export function PathwayPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [{ data, fetching, error }, refresh] = useQuery({ query: PathwayDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const [saved, setSaved] = useState<string | null>(null);
  const [chosen, choose] = useState<string | null>(null);
  useEffect(() => {
    setSaved(null);
    choose(null);
  }, [id]);
  const done = useCallback(
    (message: string) => {
      setSaved(message);
      choose(null);
      refresh({ requestPolicy: 'network-only' });
    },
    [refresh],
  );
  const pathway = data?.pathway;
  if (!pathway) return <QueryState fetching={fetching} error={error} />;
  const staff = me.role === 'COUNSELLOR' || me.role === 'MANAGER';
  const next = staff ? nextStep(pathway) : null;
  const person = pathway.participant;

  return (
    <ActionDone.Provider value={done}>
      <div className="pathway-page">
        <header className="pathway-header">
          <h1 tabIndex={-1}>{fullName(person)}</h1>
          <dl className="facts facts-pairs">
            <dt>Statut</dt>
            <dd data-testid="pathway-status">{PATHWAY_STATUS[pathway.status]}</dd>
            <dt>Orientation</dt>
            <dd>
              le {day(pathway.referredOn)}
              {staff ? '' : `, vers ${pathway.operator.name}`}
            </dd>
            <dt>Conseiller ou conseillère</dt>
            <dd data-testid="pathway-counsellor">{pathway.counsellor ? <Reach who={pathway.counsellor} /> : 'pas encore désigné'}</dd>
            <dt>Référent</dt>
            <dd>
              <Reach who={pathway.referent} organisation={pathway.referent.organisationName} />
            </dd>
            {person.phone && (
              <>
                <dt>Téléphone</dt>
                <dd>
                  {phone(person.phone)}
                  {person.phoneToCheck && <span className="badge">à vérifier</span>}
                </dd>
              </>
            )}
            {person.email && (
              <>
                <dt>E-mail</dt>
                <dd>{person.email}</dd>
              </>
            )}
            {!person.anonymised && (
              <>
                <dt>Messages</dt>
                <dd data-testid="message-consents">{consentLine(person)}</dd>
              </>
            )}
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
        </header>
        <div className="pathway-work">
          <Flash />
          {saved && (
            <p className="alert alert-success" role="status">
              {saved}
            </p>
          )}
          {next && (
            <section aria-labelledby="a-faire" className="next-step">
              <h2 id="a-faire">À faire maintenant</h2>
              {next.form}
            </section>
          )}
          <ActionMenu
            actions={otherActions(pathway, me, next?.key)}
            open={chosen}
            onOpen={(key) => {
              choose(key);
              setSaved(null);
            }}
          />
          <Conversation pathwayId={pathway.id} withWhom={me.role === 'REFERENT' ? `avec ${pathway.operator.name}` : 'avec le référent'} />
        </div>
        <div className="pathway-file">
          <Records pathway={pathway} staff={staff} />
          {staff && pathway.diagnostic && (
            <p>
              <Link to={`/parcours/${pathway.id}/diagnostic`}>Corriger le diagnostic</Link>
            </p>
          )}
          <PersonDetails pathway={pathway} />
          <Timeline pathway={pathway} />
        </div>
      </div>
    </ActionDone.Provider>
  );
}
