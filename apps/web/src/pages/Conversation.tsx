import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useMe } from '../auth';
import { errorCode, FormError, TextArea } from '../components/forms';
import { useNotifications } from '../components/notifications';
import { frenchMessage } from '../errors';
import { instant } from '../format';
import { PathwayConversationDocument, PathwayMessagePostedDocument, PostPathwayMessageDocument, ReadPathwayConversationDocument } from '../graphql/generated';
import { ROLE } from '../labels';

const MAX = 2000;

/**
 * The pathway's conversation between its referent and the operator's staff: the messages, oldest
 * first, each with who read it; a new one appears without a reload; opening the page reads them
 * (and their notifications). What does not belong there is said beside the form.
 */
export function Conversation({ pathwayId, withWhom }: { pathwayId: string; withWhom: string }) {
  const me = useMe();
  const notifications = useNotifications();
  const writes = me.role === 'REFERENT' || me.role === 'COUNSELLOR' || me.role === 'MANAGER';
  const [{ data }, refresh] = useQuery({ query: PathwayConversationDocument, variables: { id: pathwayId }, requestPolicy: 'cache-and-network' });
  const [posted] = useSubscription({ query: PathwayMessagePostedDocument, variables: { pathwayId } });
  const [, markRead] = useMutation(ReadPathwayConversationDocument);
  const [{ fetching, data: sent, error }, post] = useMutation(PostPathwayMessageDocument);
  const [text, setText] = useState('');
  // The form opens on demand: the page stays short for the day's work (two screens at most).
  const [writing, setWriting] = useState(false);
  const latest = posted.data?.pathwayMessagePosted.id;
  const { refresh: refreshBell } = notifications;
  const messages = data?.pathway.conversation ?? [];
  // Opening the conversation reads what the others wrote (and their notices); with nothing of theirs, nothing to mark.
  const othersWrote = messages.some((message) => !message.mine);
  useEffect(() => {
    if (latest) refresh({ requestPolicy: 'network-only' });
  }, [latest, refresh]);
  useEffect(() => {
    if (!writes || !othersWrote) return;
    void markRead({ input: { pathwayId } }).then(() => refreshBell());
  }, [pathwayId, latest, writes, othersWrote, markRead, refreshBell]);
  const failures = sent?.postPathwayMessage.userErrors ?? [];
  return (
    <section aria-labelledby="messages" className="conversation">
      <h2 id="messages">Messages {withWhom}</h2>
      {messages.length === 0 ? (
        <p>Aucun message pour l’instant.</p>
      ) : (
        <ol className="messages" aria-label="Messages, du plus ancien au plus récent">
          {messages.map((message) => (
            <li key={message.id} className={message.mine ? 'mine' : ''} data-testid="message">
              <p className="message-meta">
                {message.mine ? 'Vous' : `${message.author.fullName} (${ROLE[message.author.role]})`}, le {instant(message.writtenAt)}
              </p>
              <p className="message-text">{message.text ?? '(effacé)'}</p>
              {message.mine && message.readBy.length > 0 && <p className="message-read">Lu par {message.readBy.map((reader) => reader.fullName).join(', ')}</p>}
            </li>
          ))}
        </ol>
      )}
      {writes && !writing && (
        <button type="button" onClick={() => setWriting(true)}>
          Écrire un message
        </button>
      )}
      {writes && writing && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await post({ input: { pathwayId, text } });
            if (result.data?.postPathwayMessage.message) {
              setText('');
              refresh({ requestPolicy: 'network-only' });
            }
          }}
        >
          <FormError messages={failures.length ? failures.map((failure) => frenchMessage(failure.code, failure.message)) : error ? [frenchMessage(errorCode(error)!)] : undefined} />
          <TextArea
            label="Votre message"
            value={text}
            onChange={(value) => setText(value.slice(0, MAX))}
            hint={`Pour vous coordonner (un déménagement, une absence…). Pas de détail de santé ni de justice : ils restent dans le diagnostic. Les messages ne peuvent pas être modifiés. ${text.length} / ${MAX} caractères.`}
          />
          <button type="submit" disabled={fetching || text.trim().length === 0}>
            Envoyer
          </button>
        </form>
      )}
    </section>
  );
}
