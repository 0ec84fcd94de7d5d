import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Form, useConfirm } from '../../components/actions';
import { useIdentityProvider } from '../../components/ProviderSignIn';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { Pager, usePages } from '../../components/Pager';
import { frenchMessage } from '../../errors';
import { fullName, instant, parisInstant, parseDay } from '../../format';
import { fieldsInWords, operationInWords } from '../../audit-labels';
import {
  AccountsNamedDocument,
  AuditLogDocument,
  PeopleNamedDocument,
  CreateOrganisationDocument,
  DeadLettersDocument,
  OrganisationAccountsDocument,
  OrganisationsDocument,
  RetryOutboxMessageDocument,
  UpdateOrganisationDocument,
  type AuditLogFilter,
  type OrganisationKind,
} from '../../graphql/generated';
import { ORGANISATION_KIND, ROLE } from '../../labels';
import { QueryState } from '../../components/QueryState';

/** `/organisations` (ADMIN): every organisation; a new one; a name corrected (the kind is fixed: its accounts' roles depend on it). */
export function OrganisationsPage() {
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: OrganisationsDocument, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('PRESCRIBER');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, create] = useMutation(CreateOrganisationDocument);
  const connection = data?.organisations;
  return (
    <>
      <h1 tabIndex={-1}>Organisations</h1>
      <form
        className="panel"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await create({ input: { name: name.trim(), kind } });
          if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
          const failures = result.data?.createOrganisation.userErrors ?? [];
          setErrors(fieldErrors(failures));
          if (failures.length === 0) setName('');
        }}
      >
        <h2>Nouvelle organisation</h2>
        <FormError messages={errors['']} />
        <TextField label="Nom de l’organisation" value={name} onChange={setName} errors={errors.name} required />
        <Select label="Type d’organisation" value={kind} onChange={setKind} options={(['OPERATOR', 'PRESCRIBER', 'FUNDER'] as OrganisationKind[]).map((one) => [one, ORGANISATION_KIND[one]] as [OrganisationKind, string])} errors={errors.kind} />
        <button type="submit" className="primary" disabled={created.fetching}>
          Créer
        </button>
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} organisation(s)` : fetching ? 'Chargement…' : ''}</p>
      {connection && (
        <table>
          <caption className="visually-hidden">Organisations</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Renommer</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link to={`/organisations/${node.id}`}>{node.name}</Link>
                </td>
                <td>{ORGANISATION_KIND[node.kind]}</td>
                <td>
                  <Rename id={node.id} name={node.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}

function Rename({ id, name }: { id: string; name: string }) {
  const [value, setValue] = useState(name);
  const [{ fetching, data }, rename] = useMutation(UpdateOrganisationDocument);
  const errors = fieldErrors(data?.updateOrganisation.userErrors ?? []);
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void rename({ input: { id, name: value.trim() } });
      }}
    >
      <TextField label={`Nouveau nom de ${name}`} value={value} onChange={setValue} errors={errors.name ?? errors['']} />
      <button type="submit" disabled={fetching || value.trim() === name}>
        Renommer
      </button>
    </form>
  );
}

/** The audit's actions, in French. */
const ACTION: Record<string, string> = { READ: 'Lecture', WRITE: 'Écriture', EXPORT: 'Export', ERASE: 'Effacement', ANONYMISE: 'Anonymisation', SIGN_IN: 'Connexion', SIGN_OUT: 'Déconnexion' };

type Named = { id: string; name: string };

/** A person or an account chosen by a part of their name (two letters or more), for a filter. */
function NamePicker({ label, chosen, onChoose, search, onSearch, found }: { label: string; chosen: Named | null; onChoose: (chosen: Named | null) => void; search: string; onSearch: (search: string) => void; found: Named[] }) {
  if (chosen) {
    return (
      <div className="field">
        <span className="label">{label}</span>
        <p>
          <strong>{chosen.name}</strong>{' '}
          <button type="button" className="link" onClick={() => onChoose(null)}>
            Changer ({label.toLowerCase()})
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="field">
      <TextField label={label} hint="Une partie du nom, puis choisissez dans la liste." value={search} onChange={onSearch} />
      {search.trim().length >= 2 && found.length > 0 && (
        <ul className="choices" aria-label={`${label} : résultats`}>
          {found.map((one) => (
            <li key={one.id}>
              <button
                type="button"
                onClick={() => {
                  onChoose(one);
                  onSearch('');
                }}
              >
                {one.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The people whose names contain the search, each once (from the pathways an administrator sees: all). */
function PersonPicker({ chosen, onChoose }: { chosen: Named | null; onChoose: (chosen: Named | null) => void }) {
  const [search, setSearch] = useState('');
  const [{ data }] = useQuery({ query: PeopleNamedDocument, variables: { search: search.trim() }, pause: search.trim().length < 2 || chosen !== null });
  const people = new Map<string, Named>();
  for (const { node } of data?.pathways.edges ?? []) people.set(node.participant.id, { id: node.participant.id, name: fullName(node.participant) });
  return <NamePicker label="Personne" chosen={chosen} onChoose={onChoose} search={search} onSearch={setSearch} found={[...people.values()]} />;
}

/** The accounts whose names contain the search, with their role and organisation. */
function AccountPicker({ chosen, onChoose }: { chosen: Named | null; onChoose: (chosen: Named | null) => void }) {
  const [search, setSearch] = useState('');
  const [{ data }] = useQuery({ query: AccountsNamedDocument, variables: { search: search.trim() }, pause: search.trim().length < 2 || chosen !== null });
  const accounts = (data?.users.edges ?? []).map(({ node }) => ({ id: node.id, name: `${node.fullName} (${ROLE[node.role].toLowerCase()}, ${node.organisation.name})` }));
  return <NamePicker label="Compte" chosen={chosen} onChoose={onChoose} search={search} onSearch={setSearch} found={accounts} />;
}

/**
 * `/journal` (ADMIN): who read or wrote what of whom, when, in words: the account by name and
 * role, the person by name ("personne anonymisée" once anonymised; naming them is itself a read,
 * audited), the operation and the fields in French. Filters pick a person or an account by name.
 */
export function AccessLogPage() {
  const [person, setPerson] = useState<Named | null>(null);
  const [account, setAccount] = useState<Named | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: AuditLogDocument, variables: { filter, after: pages.after }, requestPolicy: 'network-only' });
  const connection = data?.auditLog;
  return (
    <>
      <h1 tabIndex={-1}>Journal des accès</h1>
      <form
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const local: FieldErrors = {};
          const start = from.trim() ? parseDay(from) : null;
          const end = to.trim() ? parseDay(to) : null;
          if (from.trim() && !start) local.from = [INVALID_DAY];
          if (to.trim() && !end) local.to = [INVALID_DAY];
          setErrors(local);
          if (Object.keys(local).length > 0) return;
          pages.reset();
          setFilter({
            participantId: person?.id,
            userId: account?.id,
            from: start ? parisInstant(start, 0) : undefined,
            to: end ? parisInstant(end, 24 * 60 - 1) : undefined,
          });
        }}
      >
        <PersonPicker chosen={person} onChoose={setPerson} />
        <AccountPicker chosen={account} onChoose={setAccount} />
        <DateField label="Du" value={from} onChange={setFrom} errors={errors.from} />
        <DateField label="Au" value={to} onChange={setTo} errors={errors.to} />
        <button type="submit">Filtrer</button>
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} accès` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Journal des accès">
          <table>
            <caption className="visually-hidden">Accès aux données des personnes</caption>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Qui</th>
                <th scope="col">Quoi</th>
                <th scope="col">De qui</th>
                <th scope="col">Données</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{instant(node.at)}</td>
                  <td>
                    {node.user?.fullName ?? (node.role === 'SYSTEM' ? 'Le serveur' : node.role === 'PERSON_LINK' ? 'La personne (par son lien)' : 'Compte hors de votre vue')}
                    {node.role in ROLE ? `, ${ROLE[node.role as keyof typeof ROLE].toLowerCase()}` : ''}
                  </td>
                  <td>
                    {ACTION[node.action] ?? 'Accès'} : {operationInWords(node.operation)}
                    {node.reason ? ` (motif : ${node.reason})` : ''}
                  </td>
                  <td>{node.participant ? (node.participant.anonymised ? 'Personne anonymisée' : node.participant.name) : node.participantId ? 'Personne hors de votre vue' : 'Personne (chiffres)'}</td>
                  <td>{fieldsInWords(node.fields, node.objectType)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}

/** `/courriels` (ADMIN): the e-mails the relay gave up on, and sending one again. */
export function DeadLettersPage() {
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: DeadLettersDocument, variables: { after: pages.after }, requestPolicy: 'network-only' });
  const [retried, retry] = useMutation(RetryOutboxMessageDocument);
  const connection = data?.outboxDeadLetters;
  const topic = { REPORT: 'Compte rendu', PASSWORD_RESET: 'Nouveau mot de passe', INVITATION: 'Invitation', APPOINTMENT: 'Convocation d’une personne', STAFF_NOTIFICATION: 'Notification à un membre de l’équipe', DIGEST: 'Récapitulatif du matin' } as const;
  return (
    <>
      <h1 tabIndex={-1}>Courriels en échec</h1>
      <p>Ces e-mails n’ont pas pu partir (serveur d’envoi qui les refuse, ou toutes les tentatives épuisées). Aucune adresse ni aucun texte n’est conservé.</p>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <FormError messages={fieldErrors(retried.data?.retryOutboxMessage.userErrors ?? [])['']} />
      {retried.data?.retryOutboxMessage.message && (
        <p className="alert alert-success" role="status">
          Le message repart au prochain passage du relais.
        </p>
      )}
      <p role="status">{connection ? `${connection.totalCount} message(s) en échec` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">Courriels en échec</caption>
          <thead>
            <tr>
              <th scope="col">Sujet</th>
              <th scope="col">Écrit le</th>
              <th scope="col">Échec</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{topic[node.topic]}</td>
                <td>{instant(node.createdAt)}</td>
                <td>
                  {node.lastError ?? ''} après {node.attempts} tentative(s)
                </td>
                <td>
                  <button type="button" disabled={retried.fetching} onClick={() => void retry({ input: { messageId: node.id } })}>
                    Renvoyer
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}


/** `/organisations/:id` (ADMIN): an organisation and its accounts. */
/** An operator's contact for referents, shown in every report: the structure's address, phone and e-mail, never a person's. */
function OperatorContact({ organisation }: { organisation: { id: string; name: string; contact?: { address?: string | null; phone?: string | null; email?: string | null } | null } }) {
  const [address, setAddress] = useState(organisation.contact?.address ?? '');
  const [phone, setPhone] = useState(organisation.contact?.phone ?? '');
  const [email, setEmail] = useState(organisation.contact?.email ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateOrganisationDocument);
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        setSaved(false);
        const result = await update({ input: { id: organisation.id, name: organisation.name, contact: { address: address.trim() || null, phone: phone.trim() || null, email: email.trim() || null } } });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        const failures = result.data?.updateOrganisation.userErrors ?? [];
        setErrors(Object.fromEntries(Object.entries(fieldErrors(failures)).map(([key, value]) => [key.replace(/^contact\./, ''), value])));
        setSaved(failures.length === 0);
      }}
    >
      <h2>Contact pour les référents</h2>
      <p>Affiché dans chaque compte rendu : l’adresse, le téléphone et l’e-mail de la structure (pas ceux d’une personne).</p>
      <FormError messages={errors['']} />
      <TextField label="Adresse d’accueil" value={address} onChange={setAddress} errors={errors.address} />
      <TextField label="Téléphone de la structure" type="tel" value={phone} onChange={setPhone} errors={errors.phone} />
      <TextField label="E-mail de la structure" type="email" value={email} onChange={setEmail} errors={errors.email} />
      <button type="submit" disabled={fetching}>
        Enregistrer le contact
      </button>
      {saved && (
        <p className="alert alert-success" role="status">
          Le contact est enregistré.
        </p>
      )}
    </Form>
  );
}

/**
 * Whether the organisation's accounts sign in through ProConnect only (shown when the server offers
 * it): turning it on is confirmed, for it ends their passwords' use at once (never an ADMIN's).
 */
function ProviderRequired({ organisation }: { organisation: { id: string; name: string; oidcRequired: boolean } }) {
  const provider = useIdentityProvider();
  const [{ fetching, data, error }, update] = useMutation(UpdateOrganisationDocument);
  const [dialog, ask] = useConfirm();
  const failures = fieldErrors(data?.updateOrganisation.userErrors ?? []);
  if (!provider && !organisation.oidcRequired) return null;
  const required = organisation.oidcRequired;
  return (
    <section className="panel" aria-labelledby="connexion-organisation">
      {dialog}
      <h2 id="connexion-organisation">Connexion des comptes</h2>
      <p data-testid="provider-required">
        {required
          ? `Les comptes de ${organisation.name} se connectent uniquement par ${provider ?? 'ProConnect'} : leurs mots de passe sont refusés et aucun lien de nouveau mot de passe ne leur est envoyé (les administrateurs gardent le leur).`
          : `Les comptes de ${organisation.name} se connectent par mot de passe ou par ${provider}.`}
      </p>
      <FormError messages={error ? [frenchMessage(errorCode(error)!)] : (failures[''] ?? failures.oidcRequired)} />
      <button
        type="button"
        disabled={fetching}
        onClick={async () => {
          if (!required && !(await ask({ title: `Exiger ${provider} pour ${organisation.name} ?`, consequence: `Ses comptes ne pourront plus se connecter par mot de passe, dès maintenant ; ceux qui n’ont pas d’identité ${provider} ne pourront plus se connecter du tout. Les administrateurs gardent leur mot de passe.`, confirm: `Exiger ${provider}` }))) return;
          await update({ input: { id: organisation.id, name: organisation.name, oidcRequired: !required } });
        }}
      >
        {required ? 'Autoriser de nouveau les mots de passe' : `Exiger ${provider}`}
      </button>
    </section>
  );
}

export function OrganisationPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: OrganisationAccountsDocument, variables: { id } });
  if (!data) return <QueryState fetching={fetching} error={error} />;
  return (
    <>
      <h1 tabIndex={-1}>{data.organisation.name}</h1>
      <p>
        {ORGANISATION_KIND[data.organisation.kind]}, créée le {instant(data.organisation.createdAt)}. {data.users.totalCount} compte(s).
      </p>
      <ul>
        {data.users.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/comptes/${node.id}`}>{node.fullName}</Link> ({ROLE[node.role]}
            {node.active ? '' : ', désactivé'})
          </li>
        ))}
      </ul>
      {data.organisation.kind === 'OPERATOR' && <OperatorContact organisation={data.organisation} />}
      <ProviderRequired organisation={data.organisation} />
      <p>
        <Link to="/organisations">Toutes les organisations</Link>
      </p>
    </>
  );
}
