import { useMutation, useQuery } from 'urql';
import { useConfirm, useDone } from '../components/actions';
import { errorCode, fieldErrors, FormError } from '../components/forms';
import { frenchMessage } from '../errors';
import { instant } from '../format';
import { MessageChannelsDocument, RecordMessageConsentDocument, WithdrawMessageConsentDocument, type MessageChannel } from '../graphql/generated';

/** The channels as the page names them. */
export const CHANNEL: Record<MessageChannel, string> = { SMS: 'SMS', EMAIL: 'e-mail' };

interface Consenting {
  id: string;
  phoneToCheck: boolean;
  messageConsents: { channel: MessageChannel; givenAt: string; givenBy: string }[];
}

/** What the person agreed to be written to by, in words: the header's line, and why nothing is sent when nothing is. */
export function consentLine(person: Consenting): string {
  if (person.messageConsents.length === 0) return 'aucun accord : aucun message ne lui est envoyé';
  return person.messageConsents.map((given) => `${CHANNEL[given.channel]} (accord du ${instant(given.givenAt)}, enregistré par ${given.givenBy})`).join(' ; ');
}

/**
 * Recording the person's consent to messages by a channel (the operator's staff), or withdrawing it
 * (whoever follows the person), each in one action; a withdrawal says what stops first.
 */
export function MessageConsents({ person, mayRecord }: { person: Consenting; mayRecord: boolean }) {
  const [recorded, record] = useMutation(RecordMessageConsentDocument);
  const [withdrawn, withdraw] = useMutation(WithdrawMessageConsentDocument);
  const [dialog, ask] = useConfirm();
  const done = useDone();
  const [{ data: channels }] = useQuery({ query: MessageChannelsDocument });
  const off = (['SMS', 'EMAIL'] as const).filter((channel) => channels && !channels.messageChannels.includes(channel));
  const failures = [...(recorded.data?.recordMessageConsent.userErrors ?? []), ...(withdrawn.data?.withdrawMessageConsent.userErrors ?? [])];
  const failed = recorded.error ?? withdrawn.error;
  const given = (channel: MessageChannel) => person.messageConsents.some((consent) => consent.channel === channel);

  async function change(channel: MessageChannel) {
    const input = { participantId: person.id, channel };
    if (given(channel)) {
      const sure = await ask({ title: `Retirer l’accord ${CHANNEL[channel]} ?`, consequence: `La personne ne recevra plus de convocation ni de rappel par ${CHANNEL[channel]}. Il faudra son nouvel accord pour lui en envoyer.`, confirm: 'Retirer l’accord' });
      if (!sure) return;
      const result = await withdraw({ input });
      if (result.data?.withdrawMessageConsent.userErrors.length === 0) done(`L’accord ${CHANNEL[channel]} est retiré.`);
      return;
    }
    const result = await record({ input });
    if (result.data?.recordMessageConsent.userErrors.length === 0) done(`L’accord ${CHANNEL[channel]} est enregistré.`);
  }

  return (
    <div className="panel">
      {dialog}
      <h3>Messages à la personne</h3>
      <p>{consentLine(person)}.</p>
      {off.length > 0 && <p>{off.map((channel) => `Les ${channel === 'SMS' ? 'SMS' : 'e-mails'} aux personnes ne sont pas activés sur ce serveur : rien ne part par ce moyen, même avec l’accord.`).join(' ')}</p>}
      {person.phoneToCheck && <p>Le numéro de téléphone est à vérifier : corrigez-le avant d’enregistrer un accord SMS.</p>}
      <FormError messages={failures.length ? Object.values(fieldErrors(failures)).flat() : failed ? [frenchMessage(errorCode(failed)!)] : undefined} />
      {(['SMS', 'EMAIL'] as const)
        .filter((channel) => given(channel) || mayRecord)
        .map((channel) => (
          <button key={channel} type="button" className={given(channel) ? 'secondary' : undefined} disabled={recorded.fetching || withdrawn.fetching} onClick={() => change(channel)}>
            {given(channel) ? `Retirer l’accord ${CHANNEL[channel]}` : `Enregistrer l’accord ${CHANNEL[channel]}`}
          </button>
        ))}
    </div>
  );
}
