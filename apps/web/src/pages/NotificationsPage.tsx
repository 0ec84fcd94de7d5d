import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorCode } from '../components/forms';
import { NotificationList } from '../components/NotificationList';
import { useNotifications } from '../components/notifications';
import { Pager, usePages } from '../components/Pager';
import { frenchMessage } from '../errors';
import { MarkAllNotificationsReadDocument, MyNotificationsDocument } from '../graphql/generated';

/** The signed-in member of staff's notifications, unread first by default; new ones appear without a reload. */
export function NotificationsPage() {
  const live = useNotifications();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const pages = usePages();
  const [{ data, error }, reexecute] = useQuery({ query: MyNotificationsDocument, variables: { first: 50, after: pages.after, filter: { unreadOnly } }, requestPolicy: 'cache-and-network' });
  const [markingAll, markAll] = useMutation(MarkAllNotificationsReadDocument);
  useEffect(() => {
    if (live.version > 0) reexecute({ requestPolicy: 'network-only' });
  }, [live.version, reexecute]);
  const found = data?.myNotifications;
  return (
    <>
      <h1 tabIndex={-1}>Notifications</h1>
      <p aria-live="polite" data-testid="notifications-summary">
        {live.unread === 0 ? 'Aucune notification non lue.' : live.unread === 1 ? '1 notification non lue.' : `${live.unread} notifications non lues.`}
      </p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked);
              pages.reset();
            }}
          />{' '}
          Non lues seulement
        </label>
        {live.unread > 0 && (
          <button
            type="button"
            disabled={markingAll.fetching}
            onClick={async () => {
              const result = await markAll({});
              if (!result.error) live.refresh();
            }}
          >
            Tout marquer comme lu
          </button>
        )}
      </form>
      {error && <p className="alert alert-error">{frenchMessage(errorCode(error)!)}</p>}
      {found && found.edges.length === 0 && <p role="status">{unreadOnly ? 'Rien de nouveau.' : 'Aucune notification.'}</p>}
      {found && found.edges.length > 0 && <NotificationList notifications={found.edges.map((edge) => edge.node)} label="Notifications" />}
      <Pager pages={pages} pageInfo={found?.pageInfo} />
    </>
  );
}

/** The home page's first block: the unread notifications, each a link to what it is about. */
export function NotificationsToDo() {
  const live = useNotifications();
  const [{ data }, reexecute] = useQuery({ query: MyNotificationsDocument, variables: { first: 10, filter: { unreadOnly: true } }, requestPolicy: 'cache-and-network' });
  useEffect(() => {
    if (live.version > 0) reexecute({ requestPolicy: 'network-only' });
  }, [live.version, reexecute]);
  const found = data?.myNotifications;
  if (!found || found.totalCount === 0) return null;
  return (
    <section aria-labelledby="a-faire">
      <h2 id="a-faire">À faire en premier</h2>
      <NotificationList notifications={found.edges.map((edge) => edge.node)} label="À faire en premier" />
      {found.totalCount > found.edges.length && <p>
          Et {found.totalCount - found.edges.length} autre(s) : <Link to="/notifications">toutes les notifications</Link>.
        </p>}
    </section>
  );
}
