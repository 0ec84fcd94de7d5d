import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorCode, FormError, Select, TextArea } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { OperatorCounsellorsDocument, ReassignCounsellorDocument } from '../../graphql/generated';

export interface Chosen {
  id: string;
  name: string;
}

/**
 * A MANAGER puts one counsellor in charge of the pathways chosen in the list, in one go (all or
 * nothing: a refusal names each pathway it concerns, and then nothing changed).
 */
export function ReassignSelected({ chosen, onDone }: { chosen: Chosen[]; onDone: (message: string) => void }) {
  const [{ data: staff }] = useQuery({ query: OperatorCounsellorsDocument });
  const [counsellorId, setCounsellorId] = useState('');
  const [reason, setReason] = useState('');
  const [{ fetching, data, error }, reassign] = useMutation(ReassignCounsellorDocument);
  const counsellors = (staff?.users.edges ?? []).map((edge) => edge.node).filter((user) => user.active);
  const refusals = (data?.reassignCounsellor.userErrors ?? []).map((problem) => {
    const index = problem.field?.[2];
    const who = index === undefined ? undefined : chosen[Number(index)]?.name;
    return who ? `${who} : ${frenchMessage(problem.code, problem.message)}` : frenchMessage(problem.code, problem.message);
  });
  const count = chosen.length === 1 ? '1 parcours choisi' : `${chosen.length} parcours choisis`;
  return (
    <form
      className="panel"
      aria-label="Confier les parcours choisis"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!counsellorId) return;
        const result = await reassign({ input: { pathwayIds: chosen.map((pathway) => pathway.id), counsellorId, reason: reason.trim() || undefined } });
        const moved = result.data?.reassignCounsellor.pathways;
        if (moved) {
          const name = counsellors.find((user) => user.id === counsellorId)?.fullName ?? '';
          onDone(`${moved.length === 1 ? '1 parcours confié' : `${moved.length} parcours confiés`} à ${name}.`);
          setReason('');
        }
      }}
    >
      <h2>Confier les parcours choisis</h2>
      <p>{count}.</p>
      <FormError messages={refusals.length > 0 ? refusals : error ? [frenchMessage(errorCode(error)!)] : undefined} />
      <Select label="À quel conseiller ou quelle conseillère" value={counsellorId} onChange={setCounsellorId} options={counsellors.map((user) => [user.id, user.fullName] as [string, string])} empty="Choisir…" />
      <TextArea label="Motif (facultatif)" value={reason} onChange={setReason} />
      <button type="submit" disabled={fetching || !counsellorId || chosen.length === 0}>
        Confier {count.replace(/ choisis?$/, '')}
      </button>
    </form>
  );
}
