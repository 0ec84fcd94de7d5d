import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ReferentReportIssuedDocument, ReportsToReadDocument } from '../graphql/generated';

interface Inbox {
  /** Reports not yet acknowledged (UNACKNOWLEDGED + OVERDUE). */
  toRead: number;
  /** Grows with each report issued while the page is open: lists read it to refresh. */
  version: number;
  refresh(): void;
}

const InboxContext = createContext<Inbox>({ toRead: 0, version: 0, refresh: () => undefined });

/**
 * The referent's live inbox: the count of reports to read, refreshed when the server announces a
 * new report over graphql-ws (referentReportIssued) and after an acknowledgement.
 */
export function InboxProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const [{ data }, reexecute] = useQuery({ query: ReportsToReadDocument, pause: !enabled, requestPolicy: 'network-only' });
  const [issued] = useSubscription({ query: ReferentReportIssuedDocument, pause: !enabled });
  const latest = issued.data?.referentReportIssued.id;
  useEffect(() => {
    if (!latest) return;
    setVersion((current) => current + 1);
    reexecute({ requestPolicy: 'network-only' });
  }, [latest, reexecute]);
  const inbox: Inbox = {
    toRead: (data?.unacknowledged.totalCount ?? 0) + (data?.overdue.totalCount ?? 0),
    version,
    refresh: () => {
      setVersion((current) => current + 1);
      reexecute({ requestPolicy: 'network-only' });
    },
  };
  return <InboxContext.Provider value={inbox}>{children}</InboxContext.Provider>;
}

export function useInbox(): Inbox {
  return useContext(InboxContext);
}
