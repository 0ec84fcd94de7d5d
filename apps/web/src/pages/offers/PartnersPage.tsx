import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CommuneSearch, communeOfCode, type Commune } from '../../components/CommuneSearch';
import { Flash } from '../../components/Flash';
import { errorCode, fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { Pager, usePages } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { frenchMessage } from '../../errors';
import { CreatePartnerDocument, PartnerDocument, PartnersListDocument, UpdatePartnerDocument, type OrganisationKind, type PartnerQuery } from '../../graphql/generated';
import { useMe } from '../../auth';
import { ORGANISATION_KIND } from '../../labels';

const PARTNER_KINDS: OrganisationKind[] = ['EMPLOYER', 'TEMP_AGENCY', 'TRAINING_BODY'];

/** `/partenaires`: employers, temp agencies and training bodies; managers and administrators register and correct them. */
export function PartnersPage() {
  const me = useMe();
  const pages = usePages();
  const [{ data, fetching, error }] = useQuery({ query: PartnersListDocument, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const connection = data?.partners;
  const edits = me.role === 'MANAGER' || me.role === 'ADMIN';
  return (
    <>
      <h1 tabIndex={-1}>Partenaires</h1>
      <Flash />
      {edits && (
        <p>
          <Link to="/partenaires/nouveau">Nouveau partenaire</Link>
        </p>
      )}
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      <p role="status">{connection ? `${connection.totalCount} partenaire(s)` : fetching ? 'Chargement…' : ''}</p>
      {connection && connection.edges.length > 0 && (
        <table>
          <caption className="visually-hidden">Partenaires</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">SIRET</th>
              <th scope="col">Contact</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{edits ? <Link to={`/partenaires/${node.id}`}>{node.name}</Link> : node.name}</td>
                <td>{ORGANISATION_KIND[node.kind]}</td>
                <td>{node.siret}</td>
                <td>{node.contact ? [node.contact.name, node.contact.phone, node.contact.email].filter(Boolean).join(', ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}

/** `/partenaires/nouveau` and `/partenaires/:id`. */
export function PartnerFormPage() {
  const { id } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: PartnerDocument, variables: { id: id ?? '' }, pause: !id });
  if (id && !data) return <QueryState fetching={fetching} error={error} />;
  return <PartnerForm partner={data?.partner} />;
}

function PartnerForm({ partner }: { partner?: PartnerQuery['partner'] }) {
  const navigate = useNavigate();
  const [kind, setKind] = useState<OrganisationKind>(partner?.kind ?? 'EMPLOYER');
  const [name, setName] = useState(partner?.name ?? '');
  const [siret, setSiret] = useState(partner?.siret ?? '');
  const [commune, setCommune] = useState<Commune | null>(partner ? communeOfCode(partner.communeCode) : null);
  const [contactName, setContactName] = useState(partner?.contact?.name ?? '');
  const [phone, setPhone] = useState(partner?.contact?.phone ?? '');
  const [email, setEmail] = useState(partner?.contact?.email ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, create] = useMutation(CreatePartnerDocument);
  const [updated, update] = useMutation(UpdatePartnerDocument);

  async function submit() {
    if (!commune) return setErrors({ communeCode: ['Choisissez la commune dans la liste proposée.'] });
    const contact = contactName.trim() ? { name: contactName.trim(), phone: phone.trim() || undefined, email: email.trim() || undefined } : undefined;
    const details = { name: name.trim(), siret: siret.trim(), communeCode: commune.inseeCode, contact };
    const result = partner ? await update({ input: { partnerId: partner.id, ...details } }) : await create({ input: { kind, ...details } });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const payload = result.data && ('createPartner' in result.data ? result.data.createPartner : result.data.updatePartner);
    if (payload?.partner) return navigate('/partenaires', { state: { flash: `${payload.partner.name} est enregistré.` } });
    setErrors(fieldErrors(payload?.userErrors ?? []));
  }

  return (
    <>
      <h1 tabIndex={-1}>{partner ? partner.name : 'Nouveau partenaire'}</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormError messages={errors['']} />
        {!partner && <Select label="Type" value={kind} onChange={setKind} options={PARTNER_KINDS.map((one) => [one, ORGANISATION_KIND[one]] as [OrganisationKind, string])} errors={errors.kind} />}
        <TextField label="Nom" value={name} onChange={setName} errors={errors.name} required />
        <TextField label="SIRET" hint="14 chiffres." inputMode="numeric" value={siret} onChange={setSiret} errors={errors.siret} required />
        <CommuneSearch label="Commune" value={commune} onChange={setCommune} errors={errors.communeCode} />
        <fieldset>
          <legend>Contact (facultatif)</legend>
          <TextField label="Nom du contact" value={contactName} onChange={setContactName} errors={errors['contact.name']} />
          <TextField label="Téléphone" type="tel" value={phone} onChange={setPhone} errors={errors['contact.phone']} />
          <TextField label="E-mail" type="email" value={email} onChange={setEmail} errors={errors['contact.email']} />
        </fieldset>
        <button type="submit" className="primary" disabled={created.fetching || updated.fetching}>
          Enregistrer
        </button>
      </form>
      <p>
        <Link to="/partenaires">Annuler</Link>
      </p>
    </>
  );
}
