import { useState } from 'react';
import { useMutation } from 'urql';
import { Form, useDone } from '../../components/actions';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextArea, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { day, parseDay } from '../../format';
import { RecordContactDocument, type ContactKind, type ContactReached, type FollowUpDifficultyTheme, type FollowUpSituation } from '../../graphql/generated';
import { CONTACT, DIFFICULTY, REACHED, SITUATION } from '../../labels';

const THEMES = Object.keys(DIFFICULTY) as FollowUpDifficultyTheme[];

/**
 * A follow-up contact: when, how, with whom, the situation, the difficulties (a blocking one, never
 * JUSTICE, is reported to the referent by theme and flag only), staff's note and the next step;
 * it answers a checkpoint when one is chosen.
 */
export function ContactForm({ pathwayId, checkpoints }: { pathwayId: string; checkpoints: { id: string; dueOn: string; status: string }[] }) {
  const open = checkpoints.filter((checkpoint) => checkpoint.status === 'PENDING' || checkpoint.status === 'MISSED');
  const [checkpointId, setCheckpointId] = useState('');
  const [on, setOn] = useState('');
  const [kind, setKind] = useState<ContactKind>('PHONE_CALL');
  const [reached, setReached] = useState<ContactReached>('PARTICIPANT');
  const [situation, setSituation] = useState<FollowUpSituation | ''>('');
  const [difficulties, setDifficulties] = useState<Partial<Record<FollowUpDifficultyTheme, boolean>>>({});
  const [justification, setJustification] = useState('');
  const [note, setNote] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = useDone();
  const [{ fetching }, record] = useMutation(RecordContactDocument);

  async function submit() {
    const day_ = parseDay(on);
    if (!day_) return setErrors({ on: [INVALID_DAY] });
    const result = await record({
      input: {
        pathwayId,
        checkpointId: checkpointId || undefined,
        on: day_,
        kind,
        reached,
        situation: situation || undefined,
        difficulties: (Object.entries(difficulties) as [FollowUpDifficultyTheme, boolean][]).map(([theme, blocking]) => ({ theme, blocking })),
        justiceJustification: justification.trim() || undefined,
        note: note.trim() || undefined,
        nextStep: nextStep.trim() || undefined,
      },
    });
    if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
    const failures = result.data?.recordContact.userErrors ?? [];
    setErrors(fieldErrors(failures));
    if (failures.length === 0) {
      done('Le contact est enregistré.');
      setCheckpointId('');
      setOn('');
      setDifficulties({});
      setJustification('');
      setNote('');
      setNextStep('');
    }
  }

  return (
    <Form className="panel" onSubmit={submit}>
      <h3>Enregistrer un contact de suivi</h3>
      <FormError messages={errors['']} />
      {open.length > 0 && (
        <Select
          label="Point de suivi auquel il répond (facultatif)"
          value={checkpointId}
          onChange={setCheckpointId}
          options={open.map((checkpoint) => [checkpoint.id, `prévu le ${day(checkpoint.dueOn)}${checkpoint.status === 'MISSED' ? ' (manqué)' : ''}`] as [string, string])}
          empty="Aucun"
          errors={errors.checkpointId}
        />
      )}
      <DateField label="Jour du contact" value={on} onChange={setOn} errors={errors.on} />
      <Select label="Type de contact" value={kind} onChange={setKind} options={Object.entries(CONTACT) as [ContactKind, string][]} errors={errors.kind} />
      <Select label="Personne jointe" value={reached} onChange={setReached} options={Object.entries(REACHED) as [ContactReached, string][]} errors={errors.reached} />
      <Select label="Situation" value={situation} onChange={setSituation} options={Object.entries(SITUATION) as [FollowUpSituation, string][]} empty="Non précisée" errors={errors.situation} />
      <fieldset>
        <legend>Difficultés (cochez, puis précisez si elles sont bloquantes)</legend>
        <FormError messages={errors.difficulties} />
        <ul className="checks">
          {THEMES.map((theme) => (
            <li key={theme}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={theme in difficulties}
                  onChange={(event) =>
                    setDifficulties((all) => {
                      const next = { ...all };
                      if (event.target.checked) next[theme] = false;
                      else delete next[theme];
                      return next;
                    })
                  }
                />{' '}
                {DIFFICULTY[theme]}
              </label>
              {theme in difficulties && (
                <label className="choice">
                  {' '}
                  <input type="checkbox" checked={difficulties[theme]} onChange={(event) => setDifficulties((all) => ({ ...all, [theme]: event.target.checked }))} /> bloquante ({DIFFICULTY[theme]})
                </label>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {'JUSTICE' in difficulties && <TextArea label="Justification écrite (Justice)" value={justification} onChange={setJustification} errors={errors.justiceJustification} />}
      <TextArea label="Note (reste dans la structure)" value={note} onChange={setNote} errors={errors.note} />
      <TextArea label="Suite prévue (le référent la lit)" value={nextStep} onChange={setNextStep} errors={errors.nextStep} />
      <button type="submit" disabled={fetching}>
        Enregistrer le contact
      </button>
    </Form>
  );
}
