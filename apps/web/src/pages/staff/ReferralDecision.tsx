import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../../auth';
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
  const counsellors = (staff?.users.edges ?? []).map((edge) => edge.node).filter((user) => user.active);
  return (
    <form
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        void accept({ input: { pathwayId, counsellorId: counsellorId || undefined } });
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
    </form>
  );
}

function Decline({ pathwayId }: { pathwayId: string }) {
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [{ fetching, data, error }, decline] = useMutation(DeclineReferralDocument);
  const errors = fieldErrors(data?.declineReferral.userErrors ?? []);
  return (
    <form
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        setMissing(!reason);
        if (reason) void decline({ input: { pathwayId, reason, comment: comment.trim() || undefined } });
      }}
    >
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
      <TextArea label="Commentaire" hint="Obligatoire avec le motif « Autre »." value={comment} onChange={setComment} errors={errors.comment} />
      <button type="submit" disabled={fetching}>
        Refuser
      </button>
    </form>
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
  return (
    <form
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (counsellorId) void assign({ input: { pathwayId, counsellorId, reason: reason.trim() || undefined } });
      }}
    >
      <h3>Changer de conseiller ou conseillère en charge</h3>
      <FormError messages={errors[''] ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
      <Select label="Nouveau conseiller ou nouvelle conseillère" value={counsellorId} onChange={setCounsellorId} options={counsellors.map((user) => [user.id, user.fullName] as [string, string])} empty="Choisir…" errors={errors.counsellorId} />
      <TextArea label="Motif du changement (facultatif)" value={reason} onChange={setReason} errors={errors.reason} />
      <button type="submit" disabled={fetching || !counsellorId}>
        Mettre en charge
      </button>
    </form>
  );
}
