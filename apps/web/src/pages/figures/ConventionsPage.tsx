import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../../auth';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextField, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { day, parseDay } from '../../format';
import { ConventionChoicesDocument, ConventionsDocument, CreateConventionDocument, UpdateConventionDocument, type ConventionsQuery } from '../../graphql/generated';

type Convention = ConventionsQuery['conventions'][number];

/** Euros as typed (1 234,50) → integer cents; null when it is not an amount. */
function cents(text: string): number | null {
  const cleaned = text.replace(/\s|€/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : null;
}

const euros = (amount: number) => `${(amount / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2 })} €`;

/** `/conventions`: the funding conventions (a manager's operator's, a funder's, all for ADMIN); managers and administrators record and correct them. */
export function ConventionsPage() {
  const me = useMe();
  const edits = me.role === 'MANAGER' || me.role === 'ADMIN';
  // A list that may start empty holds no Convention for the cache to invalidate on a new one: named here.
  const context = useMemo(() => ({ additionalTypenames: ['Convention'] }), []);
  const [{ data, error }] = useQuery({ query: ConventionsDocument, requestPolicy: 'cache-and-network', context });
  const [editing, setEditing] = useState<Convention | null>(null);
  return (
    <>
      <h1 tabIndex={-1}>Conventions</h1>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      {data && (
        <table>
          <caption className="visually-hidden">Conventions de financement</caption>
          <thead>
            <tr>
              <th scope="col">Intitulé</th>
              <th scope="col">Financeur</th>
              <th scope="col">Période</th>
              <th scope="col">Montant</th>
              <th scope="col">Objectif</th>
              {edits && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {data.conventions.map((convention) => (
              <tr key={convention.id}>
                <td>{convention.title}</td>
                <td>{convention.funder.name}</td>
                <td>
                  du {day(convention.startOn)} au {day(convention.endOn)}
                </td>
                <td>{euros(convention.amountCents)}</td>
                <td>{convention.targetParticipants} personnes</td>
                {edits && (
                  <td>
                    <button type="button" className="link" onClick={() => setEditing(convention)}>
                      Modifier « {convention.title} »
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {edits && <ConventionForm key={editing?.id ?? 'new'} convention={editing} onDone={() => setEditing(null)} />}
    </>
  );
}

function ConventionForm({ convention, onDone }: { convention: Convention | null; onDone: () => void }) {
  const me = useMe();
  const admin = me.role === 'ADMIN';
  const [{ data: choices }] = useQuery({ query: ConventionChoicesDocument, variables: { admin } });
  const [title, setTitle] = useState(convention?.title ?? '');
  const [funderId, setFunderId] = useState(convention?.funder.id ?? '');
  const [operatorId, setOperatorId] = useState(convention?.operator.id ?? (admin ? '' : me.organisation.id));
  const [budgetLine, setBudgetLine] = useState(convention?.budgetLine ?? '');
  const [startOn, setStartOn] = useState(day(convention?.startOn));
  const [endOn, setEndOn] = useState(day(convention?.endOn));
  const [amount, setAmount] = useState(convention ? String(convention.amountCents / 100).replace('.', ',') : '');
  const [target, setTarget] = useState(convention?.targetParticipants.toString() ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const [created, create] = useMutation(CreateConventionDocument);
  const [updated, update] = useMutation(UpdateConventionDocument);

  async function submit() {
    setDone(undefined);
    const local: FieldErrors = {};
    const start = parseDay(startOn);
    const end = parseDay(endOn);
    const amountCents = cents(amount);
    if (!start) local.startOn = [INVALID_DAY];
    if (!end) local.endOn = [INVALID_DAY];
    if (amountCents === null) local.amountCents = ['Indiquez un montant en euros, par exemple 185 000 ou 1 250,50.'];
    if (!/^\d+$/.test(target.trim())) local.targetParticipants = ['Indiquez un nombre de personnes.'];
    if (!funderId) local.funderId = ['Choisissez le financeur.'];
    if (!operatorId) local.operatorId = ['Choisissez la structure.'];
    setErrors(local);
    if (Object.keys(local).length > 0 || !start || !end || amountCents === null) return;
    const terms = { title: title.trim(), funderId, operatorId, budgetLine: budgetLine.trim(), startOn: start, endOn: end, amountCents, targetParticipants: Number(target) };
    const result = convention ? await update({ input: { conventionId: convention.id, ...terms } }) : await create({ input: terms });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const payload = result.data && ('createConvention' in result.data ? result.data.createConvention : result.data.updateConvention);
    if (payload?.convention) {
      setDone(`La convention « ${payload.convention.title} » est enregistrée.`);
      if (convention) onDone();
      return;
    }
    setErrors(fieldErrors(payload?.userErrors ?? []));
  }

  return (
    <form
      className="panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{convention ? `Modifier « ${convention.title} »` : 'Nouvelle convention'}</h2>
      <FormError messages={errors['']} />
      <TextField label="Intitulé" value={title} onChange={setTitle} errors={errors.title} required />
      {admin && <Select label="Structure" value={operatorId} onChange={setOperatorId} options={(choices?.operators ?? []).map((one) => [one.id, one.name] as [string, string])} empty="Choisir…" errors={errors.operatorId} />}
      <Select label="Financeur" value={funderId} onChange={setFunderId} options={(choices?.funders ?? []).map((one) => [one.id, one.name] as [string, string])} empty="Choisir…" errors={errors.funderId} />
      <TextField label="Ligne budgétaire" hint="Par exemple SERV / chap 65 / SUECO." value={budgetLine} onChange={setBudgetLine} errors={errors.budgetLine} />
      <DateField label="Début (signature)" value={startOn} onChange={setStartOn} errors={errors.startOn} />
      <DateField label="Fin" value={endOn} onChange={setEndOn} errors={errors.endOn} />
      <TextField label="Montant (euros)" inputMode="numeric" value={amount} onChange={setAmount} errors={errors.amountCents} />
      <TextField label="Objectif (nombre de personnes)" inputMode="numeric" value={target} onChange={setTarget} errors={errors.targetParticipants} />
      <button type="submit" className="primary" disabled={created.fetching || updated.fetching}>
        Enregistrer la convention
      </button>
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
