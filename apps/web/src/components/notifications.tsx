import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useSubscription } from 'urql';
import { StaffNotificationAddedDocument, UnreadNotificationsDocument } from '../graphql/generated';

interface Notifications {
  /** Unread notifications of the signed-in member of staff. */
  unread: number;
  /** Grows with each notification pushed while the page is open, and each change made here: lists read it to refresh. */
  version: number;
  refresh(): void;
}

const NotificationsContext = createContext<Notifications>({ unread: 0, version: 0, refresh: () => undefined });

/**
 * The bell's count, live: refreshed when the server pushes a notification over graphql-ws
 * (staffNotificationAdded) and after one is marked read here.
 */
export function NotificationsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const [{ data }, reexecute] = useQuery({ query: UnreadNotificationsDocument, pause: !enabled, requestPolicy: 'network-only' });
  const [added] = useSubscription({ query: StaffNotificationAddedDocument, pause: !enabled });
  const latest = added.data?.staffNotificationAdded.id;
  useEffect(() => {
    if (!latest) return;
    setVersion((current) => current + 1);
    reexecute({ requestPolicy: 'network-only' });
  }, [latest, reexecute]);
  // Stable: a page may call it from an effect (the conversation, once read) without running it again.
  const refresh = useCallback(() => {
    setVersion((current) => current + 1);
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  const unread = data?.myUnreadNotificationCount ?? 0;
  const value = useMemo<Notifications>(() => ({ unread, version, refresh }), [unread, version, refresh]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): Notifications {
  return useContext(NotificationsContext);
}
