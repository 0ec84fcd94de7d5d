import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../../auth';
import { Form, useConfirm, useDone } from '../../components/actions';
import { errorCode, fieldErrors, FormError, Select, TextArea } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { AcceptReferralDocument, AssignCounsellorDocument, DeclineReferralDocument, OperatorCounsellorsDocument, type DeclineReason } from '../../graphql/generated';
import { DECLINE_REASON } from '../../labels';

/** REFERRED: the operator takes the person on (a manager may put a counsellor in charge) or declines, saying why. */
export function ReferralDecision({ pathwayId }: { pathwayId: string }) {
  return (
    <>
      <Accept pathwayId={pathwayId} />
      <Decline pathwayId={pathwayId} />
    </>
  );
}

function Accept({ pathwayId }: { pathwayId: string }) {
  const me = useMe();
  const manager = me.role === 'MANAGER';
  const [counsellorId, setCounsellorId] = useState('');
  const [{ data: staff }] = useQuery({ query: OperatorCounsellorsDocument, pause: !manager });
  const [{ fetching, data, error }, accept] = useMutation(AcceptReferralDocument);
  const errors = fieldErrors(data?.acceptReferral.userErrors ?? []);
  const done = useDone();
  const counsellors = (staff?.users.edges ?? []).map((edge) => edge.node).filter((user) => user.active);
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        const result = await accept({ input: { pathwayId, counsellorId: counsellorId || undefined } });
        if (result.data?.acceptReferral.userErrors.length === 0) done('L’orientation est acceptée : planifiez l’entretien de diagnostic.');
      }}
    >
      <h3>Accepter l’orientation</h3>
      <p>La personne entre dans le dispositif ; le rendez-vous de diagnostic se planifie ensuite.</p>
      <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
      {manager && (
        <Select
          label="Conseiller ou conseillère en charge"
          value={counsellorId}
          onChange={setCounsellorId}
          options={[['', `Moi-même (${me.fullName})`], ...counsellors.map((user) => [user.id, user.fullName] as [string, string])]}
          errors={errors.counsellorId}
        />
      )}
      <button type="submit" className="primary" disabled={fetching}>
        Accepter
      </button>
    </Form>
  );
}

function Decline({ pathwayId }: { pathwayId: string }) {
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [commentMissing, setCommentMissing] = useState(false);
  const [{ fetching, data, error }, decline] = useMutation(DeclineReferralDocument);
  const errors = fieldErrors(data?.declineReferral.userErrors ?? []);
  const done = useDone();
  const [dialog, ask] = useConfirm();
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        // Checked here too, so that nobody confirms a refusal the server then refuses.
        setMissing(!reason);
        setCommentMissing(reason === 'OTHER' && !comment.trim());
        if (!reason || (reason === 'OTHER' && !comment.trim())) return;
        const sure = await ask({ title: 'Refuser l’orientation ?', consequence: `Le parcours sera clos et le référent recevra le compte rendu avec le motif « ${DECLINE_REASON[reason]} ». Un refus ne peut pas être annulé : il faudrait une nouvelle orientation.`, confirm: 'Refuser l’orientation' });
        if (!sure) return;
        const result = await decline({ input: { pathwayId, reason, comment: comment.trim() || undefined } });
        if (result.data?.declineReferral.userErrors.length === 0) done('L’orientation est refusée ; le référent en est informé.');
      }}
    >
      {dialog}
      <h3>Refuser l’orientation</h3>
      <p>Le parcours est clos et le référent en reçoit le compte rendu, avec le motif.</p>
      <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
      <Select
        label="Motif"
        value={reason}
        onChange={setReason}
        empty="Choisir un motif"
        options={Object.entries(DECLINE_REASON) as [DeclineReason, string][]}
        errors={missing ? ['Choisissez un motif.'] : errors.reason}
      />
      <TextArea label="Commentaire" hint="Obligatoire avec le motif « Autre »." value={comment} onChange={setComment} errors={commentMissing ? [frenchMessage('COMMENT_REQUIRED')] : errors.comment} />
      <button type="submit" disabled={fetching}>
        Refuser
      </button>
    </Form>
  );
}

/** A MANAGER puts another counsellor of the operator in charge (history and caseloads follow). */
export function AssignCounsellor({ pathwayId, current }: { pathwayId: string; current: string }) {
  const [{ data: staff }] = useQuery({ query: OperatorCounsellorsDocument });
  const [counsellorId, setCounsellorId] = useState('');
  const [reason, setReason] = useState('');
  const [{ fetching, data, error }, assign] = useMutation(AssignCounsellorDocument);
  const errors = fieldErrors(data?.assignCounsellor.userErrors ?? []);
  const counsellors = (staff?.users.edges ?? []).map((edge) => edge.node).filter((user) => user.active && user.id !== current);
  const done = useDone();
  return (
    <Form
      className="panel"
      onSubmit={async () => {
        if (!counsellorId) return;
        const result = await assign({ input: { pathwayId, counsellorId, reason: reason.trim() || undefined } });
        const chosen = counsellors.find((user) => user.id === counsellorId);
        if (result.data?.assignCounsellor.userErrors.length === 0) done(`${chosen?.fullName ?? 'Le conseiller choisi'} est en charge du parcours.`);
      }}
    >
      <h3>Changer de conseiller ou conseillère en charge</h3>
      <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
      <Select label="Nouveau conseiller ou nouvelle conseillère" value={counsellorId} onChange={setCounsellorId} options={counsellors.map((user) => [user.id, user.fullName] as [string, string])} empty="Choisir…" errors={errors.counsellorId} />
      <TextArea label="Motif du changement (facultatif)" value={reason} onChange={setReason} errors={errors.reason} />
      <button type="submit" disabled={fetching || !counsellorId}>
        Mettre en charge
      </button>
    </Form>
  );
}
