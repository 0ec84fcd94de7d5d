import { useState } from 'react';
import { useMutation } from 'urql';
import { Form, useDone } from '../../components/actions';
import { DateField, INVALID_DAY } from '../../components/DateField';
import { errorCode, fieldErrors, FormError, Select, TextArea, type FieldErrors } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { lower, parseDay } from '../../format';
import { RecordProposalStepDocument, type ProposalReason, type ProposalStatus } from '../../graphql/generated';
import { PROPOSAL, PROPOSAL_REASON } from '../../labels';

/**
 * The steps staff may record next, as the server's table (libs/pathways proposal-status.ts) allows
 * them (STALE is the sweep's): the server stays the judge, this only keeps the list short.
 */
const NEXT: Partial<Record<ProposalStatus, ProposalStatus[]>> = {
  PROPOSED: ['ACCEPTED_BY_PARTICIPANT', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  ACCEPTED_BY_PARTICIPANT: ['SENT_TO_EMPLOYER', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  SENT_TO_EMPLOYER: ['INTERVIEW', 'HIRED', 'REJECTED_BY_EMPLOYER', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
  INTERVIEW: ['HIRED', 'REJECTED_BY_EMPLOYER', 'DECLINED_BY_PARTICIPANT', 'CANCELLED'],
};

/** Whether staff may record a step after this one (STALE and the ends have none). */
export function hasNextStep(status: ProposalStatus): boolean {
  return (NEXT[status] ?? []).length > 0;
}

/** An open proposal's next step: which, on what day, why (a code the referent may read) and staff's own words. */
export function ProposalStep({ proposal }: { proposal: { id: string; status: ProposalStatus; offer: { title: string } } }) {
  const next = NEXT[proposal.status] ?? [];
  const [step, setStep] = useState<ProposalStatus>(next[0]);
  const [on, setOn] = useState('');
  const [reason, setReason] = useState<ProposalReason | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, record] = useMutation(RecordProposalStepDocument);
  const done = useDone();
  if (next.length === 0) return null;
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const day = parseDay(on);
        if (!day) return setErrors({ on: [INVALID_DAY] });
        const result = await record({ input: { proposalId: proposal.id, step, on: day, reason: reason || undefined, comment: comment.trim() || undefined } });
        if (result.error) return setErrors({ '': [frenchMessage(errorCode(result.error)!)] });
        const failures = result.data?.recordProposalStep.userErrors ?? [];
        setErrors(fieldErrors(failures));
        if (failures.length === 0) {
          setOn('');
          setReason('');
          setComment('');
          done(`« ${proposal.offer.title} » : étape enregistrée (${lower(PROPOSAL[step])}).`);
        }
      }}
    >
      <h3>
        « {proposal.offer.title} » : {lower(PROPOSAL[proposal.status])}
      </h3>
      <FormError messages={errors['']} />
      <Select label="Étape suivante" value={step} onChange={setStep} options={next.map((status) => [status, PROPOSAL[status]] as [ProposalStatus, string])} errors={errors.step} />
      <DateField label="Jour de l’étape" value={on} onChange={setOn} errors={errors.on} />
      <Select label="Motif (facultatif)" value={reason} onChange={setReason} options={Object.entries(PROPOSAL_REASON).filter(([code]) => code !== 'PATHWAY_CLOSED') as [ProposalReason, string][]} empty="Aucun" errors={errors.reason} />
      <TextArea label="Commentaire (jamais transmis au référent)" value={comment} onChange={setComment} errors={errors.comment} />
      <button type="submit" disabled={fetching}>
        Enregistrer l’étape
      </button>
    </Form>
  );
}
