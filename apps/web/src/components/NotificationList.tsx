import { Link } from 'react-router';
import { useMutation } from 'urql';
import { frenchMessage } from '../errors';
import { day, instant } from '../format';
import { MarkNotificationsReadDocument, type NotificationFieldsFragment } from '../graphql/generated';
import { NOTIFICATION } from '../labels';
import { useNotifications } from './notifications';

/** A notification's day, where it has one worth saying (the referral's is its receipt). */
function when(notification: NotificationFieldsFragment): string | null {
  if (!notification.dueOn || notification.kind === 'NEW_REFERRAL' || notification.kind === 'PATHWAY_ASSIGNED') return null;
  return notification.kind === 'CONTRACT_ENDING' ? `fin prévue le ${day(notification.dueOn)}` : day(notification.dueOn);
}

/**
 * Notifications as a list of things to do: what, for whom, a link to the pathway (opening it marks
 * the notification read), and "Marquer comme lu" for what needs nothing more.
 */
export function NotificationList({ notifications, label }: { notifications: NotificationFieldsFragment[]; label: string }) {
  const live = useNotifications();
  const [marking, mark] = useMutation(MarkNotificationsReadDocument);
  const read = async (id: string) => {
    const result = await mark({ input: { ids: [id] } });
    if (!result.error && result.data?.markNotificationsRead.userErrors.length === 0) live.refresh();
  };
  const error = marking.data?.markNotificationsRead.userErrors[0];
  return (
    <>
      {error && <p className="alert alert-error">{frenchMessage(error.code)}</p>}
      <ul className="notifications" aria-label={label}>
        {notifications.map((notification) => {
          const person = `${notification.pathway.participant.firstNames} ${notification.pathway.participant.lastName}`.trim();
          const due = when(notification);
          // The referrals of one imported list are one notification: it opens the referrals to decide.
          const imported = notification.kind === 'NEW_REFERRAL' && notification.itemId !== notification.pathwayId;
          const target = imported ? '/parcours?statut=REFERRED' : `/parcours/${notification.pathwayId}${notification.kind === 'NEW_MESSAGE' ? '#messages' : ''}`;
          const what = imported ? 'Nouvelles orientations d’une liste importée, à accepter ou refuser' : `${NOTIFICATION[notification.kind]} : ${person}`;
          return (
            <li key={notification.id} className={notification.readAt ? '' : 'unread'} data-testid="notification">
              <Link to={target} onClick={() => void (notification.readAt ? undefined : read(notification.id))}>
                {what}
              </Link>
              {due && <> — {due}</>}
              <span className="when"> · {instant(notification.createdAt)}</span>
              {!notification.readAt && (
                <>
                  {' '}
                  <button type="button" className="link" disabled={marking.fetching} onClick={() => void read(notification.id)}>
                    Marquer comme lu<span className="visually-hidden"> : {what}</span>
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
