import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../../auth';
import { Form, useConfirm } from '../../components/actions';
import { Flash } from '../../components/Flash';
import { errorCode, fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { QueryState } from '../../components/QueryState';
import { frenchMessage } from '../../errors';
import { instant } from '../../format';
import {
  AccountDocument,
  CreateUserDocument,
  DeactivateUserDocument,
  OrganisationsDocument,
  ReactivateUserDocument,
  SuccessorsDocument,
  UnlinkIdentityProviderDocument,
  UpdateUserDocument,
  type AccountQuery,
  type OrganisationKind,
  type Role,
} from '../../graphql/generated';
import { ACCOUNT_EVENT, ORGANISATION_KIND, ROLE, ROLES_OF_KIND, SIGN_IN_METHOD } from '../../labels';

/** `/comptes/nouveau`: an account, with a password or (left empty) an invitation by e-mail. A manager adds counsellors to their operator only. */
export function NewAccountPage() {
  const me = useMe();
  const navigate = useNavigate();
  const manager = me.role === 'MANAGER';
  const [{ data: organisations }] = useQuery({ query: OrganisationsDocument, variables: {}, pause: manager });
  const [organisationId, setOrganisationId] = useState(manager ? me.organisation.id : '');
  const [role, setRole] = useState<Role | ''>(manager ? 'COUNSELLOR' : '');
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, create] = useMutation(CreateUserDocument);
  const choices = (organisations?.organisations.edges ?? []).map((edge) => edge.node).filter((organisation) => ROLES_OF_KIND[organisation.kind]);
  const kind: OrganisationKind | undefined = manager ? 'OPERATOR' : choices.find((organisation) => organisation.id === organisationId)?.kind;
  const roles = manager ? (['COUNSELLOR'] as Role[]) : (kind ? ROLES_OF_KIND[kind] : undefined) ?? [];

  async function submit() {
    const local: FieldErrors = {};
    if (!organisationId) local.organisationId = ['Choisissez l’organisation.'];
    if (!role) local.role = ['Choisissez le rôle.'];
    setErrors(local);
    if (Object.keys(local).length > 0 || !role) return;
    const result = await create({ input: { organisationId, role, fullName: fullName.trim(), email: email.trim(), initialPassword: password || undefined } });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const created = result.data?.createUser.user;
    if (created) return navigate(`/comptes/${created.id}`, { state: { flash: password ? 'Le compte est créé.' : 'Le compte est créé ; une invitation à choisir son mot de passe vient de partir par e-mail.' } });
    setErrors(fieldErrors(result.data?.createUser.userErrors ?? []));
  }

  return (
    <>
      <h1 tabIndex={-1}>{manager ? 'Ajouter un conseiller ou une conseillère' : 'Nouveau compte'}</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormError messages={errors['']} />
        {!manager && (
          <Select
            label="Organisation"
            value={organisationId}
            onChange={(value) => {
              setOrganisationId(value);
              setRole('');
            }}
            options={choices.map((organisation) => [organisation.id, `${organisation.name} (${ORGANISATION_KIND[organisation.kind]})`] as [string, string])}
            empty="Choisir…"
            errors={errors.organisationId}
          />
        )}
        {!manager && <Select label="Rôle" value={role} onChange={setRole} options={roles.map((one) => [one, ROLE[one]] as [Role, string])} empty="Choisir…" errors={errors.role} />}
        <TextField label="Nom complet" value={fullName} onChange={setFullName} errors={errors.fullName} required />
        <TextField label="Adresse e-mail" type="email" value={email} onChange={setEmail} errors={errors.email} required />
        <TextField
          label="Mot de passe initial (facultatif)"
          type="password"
          autoComplete="new-password"
          hint="Laissez vide : la personne reçoit une invitation par e-mail et choisit elle-même son mot de passe."
          value={password}
          onChange={setPassword}
          errors={errors.initialPassword}
        />
        <button type="submit" className="primary" disabled={fetching}>
          Créer le compte
        </button>
      </form>
      <p>
        <Link to="/comptes">Annuler</Link>
      </p>
    </>
  );
}

type Account = AccountQuery['user'];

/** `/comptes/:id`: an account, its work in hand, its history; edit, deactivate (handing the work to a successor), reactivate. */
export function AccountPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: AccountDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const account = data?.user;
  if (!account) return <QueryState fetching={fetching} error={error} />;
  const work = account.openWork;
  return (
    <>
      <h1 tabIndex={-1}>{account.fullName}</h1>
      <Flash />
      <dl className="facts">
        <dt>Rôle</dt>
        <dd>{ROLE[account.role]}</dd>
        <dt>Organisation</dt>
        <dd>{account.organisation.name}</dd>
        <dt>Adresse e-mail</dt>
        <dd>{account.email}</dd>
        <dt>État</dt>
        <dd data-testid="account-state">{!account.active ? 'Désactivé' : account.invitationPending ? 'Invitation en attente' : 'Actif'}</dd>
        <dt>ProConnect</dt>
        <dd>{account.oidcLinked ? 'Compte lié : se connecte par ProConnect' : 'Non lié'}</dd>
        <dt>Travail en cours</dt>
        <dd>
          {work.pathways} parcours, {work.checkpoints} suivi(s), {work.appointments} entretien(s) prévu(s), {work.reports} compte(s) rendu(s) à lire
        </dd>
      </dl>
      {account.active ? (
        <>
          <EditAccount account={account} />
          {account.oidcLinked && <UnlinkProvider account={account} />}
          <Deactivate account={account} />
        </>
      ) : (
        <Reactivate account={account} />
      )}
      <section aria-labelledby="historique">
        <h2 id="historique">Historique du compte</h2>
        <ul>
          {account.history.map((event) => (
            <li key={event.id}>
              {instant(event.at)} : {ACCOUNT_EVENT[event.type]}
              {event.via ? ` ${SIGN_IN_METHOD[event.via]}` : ''}
              {event.fields.length > 0 ? ` (${event.fields.join(', ')})` : ''}
            </li>
          ))}
        </ul>
      </section>
      <p>
        <Link to="/comptes">Tous les comptes</Link>
      </p>
    </>
  );
}

function EditAccount({ account }: { account: Account }) {
  const me = useMe();
  const [fullName, setFullName] = useState(account.fullName);
  const [email, setEmail] = useState(account.email);
  const [role, setRole] = useState<Role>(account.role);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateUserDocument);
  const roles = ROLES_OF_KIND[account.organisation.kind] ?? [account.role];
  return (
    <form
      className="panel"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(false);
        const result = await update({ input: { userId: account.id, fullName: fullName.trim(), email: email.trim(), role: me.role === 'ADMIN' ? role : undefined } });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        const failures = result.data?.updateUser.userErrors ?? [];
        setErrors(fieldErrors(failures));
        setDone(failures.length === 0);
      }}
    >
      <h2>Modifier</h2>
      <FormError messages={errors['']} />
      <TextField label="Nom complet" value={fullName} onChange={setFullName} errors={errors.fullName} />
      <TextField label="Adresse e-mail" type="email" value={email} onChange={setEmail} errors={errors.email} />
      {me.role === 'ADMIN' && account.id !== me.id && <Select label="Rôle" value={role} onChange={setRole} options={roles.map((one) => [one, ROLE[one]] as [Role, string])} errors={errors.role} />}
      <button type="submit" disabled={fetching}>
        Enregistrer
      </button>
      {done && (
        <p className="alert alert-success" role="status">
          Le compte est modifié.
        </p>
      )}
    </form>
  );
}

function Deactivate({ account }: { account: Account }) {
  const me = useMe();
  const referent = account.organisation.kind === 'PRESCRIBER';
  const holds = Object.entries(account.openWork).some(([key, count]) => key !== '__typename' && Number(count) > 0);
  const [{ data: candidates, error: unavailable }] = useQuery({
    query: SuccessorsDocument,
    variables: { organisationId: referent ? undefined : account.organisation.id, staff: !referent },
    pause: !holds || account.organisation.kind === 'FUNDER',
  });
  const successors = [
    ...(candidates?.counsellors?.edges ?? []).map((edge) => ({ ...edge.node, organisationName: account.organisation.name })),
    ...(candidates?.managers?.edges ?? []).map((edge) => ({ ...edge.node, organisationName: account.organisation.name })),
    ...(candidates?.referents?.edges ?? []).map((edge) => ({ ...edge.node, organisationName: edge.node.organisation.name })),
  ].filter((user) => user.id !== account.id && user.active);
  const [successorId, setSuccessorId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, deactivate] = useMutation(DeactivateUserDocument);
  const [dialog, ask] = useConfirm();
  if (account.id === me.id) return null;
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        // Checked here first, so that nobody confirms what the server then refuses.
        if (holds && !successorId) return setErrors({ successorId: [frenchMessage('HAS_OPEN_WORK')] });
        const successor = successors.find((user) => user.id === successorId);
        const handed = holds && successor ? ` Tout ce que ce compte a en cours passe à ${successor.fullName}, et n’y reviendra pas s’il est réactivé.` : '';
        if (!(await ask({ title: `Désactiver le compte de ${account.fullName} ?`, consequence: `Ses sessions prennent fin aussitôt.${handed}`, confirm: 'Désactiver le compte' }))) return;
        const result = await deactivate({ input: { userId: account.id, successorId: successorId || undefined } });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        setErrors(fieldErrors(result.data?.deactivateUser.userErrors ?? []));
      }}
    >
      {dialog}
      <h2>Désactiver le compte</h2>
      <p>
        Ses sessions et ses liens prennent fin aussitôt.
        {holds ? ' Tout ce qu’il a en cours (parcours, suivis, entretiens, comptes rendus) passe, en une fois, à la personne choisie ci-dessous.' : ''}
      </p>
      <FormError messages={errors[''] ?? (unavailable ? [frenchMessage(errorCode(unavailable)!)] : undefined)} />
      {holds && (
        <Select
          label={referent ? 'Référent ou référente qui reprend son travail' : 'Conseiller, conseillère ou responsable qui reprend son travail'}
          value={successorId}
          onChange={setSuccessorId}
          options={successors.map((user) => [user.id, `${user.fullName} (${user.organisationName})`] as [string, string])}
          empty="Choisir…"
          errors={errors.successorId}
        />
      )}
      <button type="submit" disabled={fetching}>
        Désactiver
      </button>
    </Form>
  );
}

/** An ADMIN's: the account's link to ProConnect undone (its next sign-in through it links it again by e-mail). */
function UnlinkProvider({ account }: { account: Account }) {
  const me = useMe();
  const [{ fetching, data, error }, unlink] = useMutation(UnlinkIdentityProviderDocument);
  const [dialog, ask] = useConfirm();
  const failures = fieldErrors(data?.unlinkIdentityProvider.userErrors ?? []);
  if (me.role !== 'ADMIN') return null;
  return (
    <div className="panel">
      {dialog}
      <h2>Délier de ProConnect</h2>
      <p>À faire si le compte a été lié à la mauvaise identité ProConnect. À sa prochaine connexion par ProConnect, le compte sera lié de nouveau à l’identité dont l’adresse e-mail est la sienne.</p>
      <FormError messages={error ? [frenchMessage(errorCode(error)!)] : (failures[''] ?? failures.userId)} />
      <button
        type="button"
        disabled={fetching}
        onClick={async () => {
          if (!(await ask({ title: `Délier le compte de ${account.fullName} de ProConnect ?`, consequence: 'Ses sessions en cours continuent ; la prochaine connexion par ProConnect le liera de nouveau par son adresse e-mail.', confirm: 'Délier' }))) return;
          await unlink({ input: { userId: account.id } });
        }}
      >
        Délier
      </button>
    </div>
  );
}

function Reactivate({ account }: { account: Account }) {
  const [{ fetching, data, error }, reactivate] = useMutation(ReactivateUserDocument);
  const failures = fieldErrors(data?.reactivateUser.userErrors ?? []);
  return (
    <div className="panel">
      <h2>Réactiver le compte</h2>
      <p>La personne pourra se connecter de nouveau ; ce qu’elle a confié à quelqu’un d’autre reste à cette personne.</p>
      <FormError messages={error ? [frenchMessage(errorCode(error)!)] : (failures[''] ?? failures.userId)} />
      <button type="button" disabled={fetching} onClick={() => void reactivate({ input: { userId: account.id } })}>
        Réactiver
      </button>
    </div>
  );
}
