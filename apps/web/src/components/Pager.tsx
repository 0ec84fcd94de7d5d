import { useState } from 'react';

/** Cursor paging of a connection: the cursor of the page shown, and the way back. */
export function usePages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    after: cursors.at(-1),
    page: cursors.length + 1,
    next: (cursor: string) => setCursors((current) => [...current, cursor]),
    previous: () => setCursors((current) => current.slice(0, -1)),
    reset: () => setCursors([]),
  };
}

export function Pager({ pages, pageInfo, label = 'Pages' }: { pages: ReturnType<typeof usePages>; pageInfo?: { hasNextPage: boolean; endCursor?: string | null }; label?: string }) {
  if (pages.page === 1 && !pageInfo?.hasNextPage) return null;
  return (
    <nav className="pager" aria-label={label}>
      {pages.page > 1 && (
        <button type="button" onClick={pages.previous}>
          Page précédente
        </button>
      )}
      <span>Page {pages.page}</span>
      {pageInfo?.hasNextPage && pageInfo.endCursor && (
        <button type="button" onClick={() => pages.next(pageInfo.endCursor!)}>
          Page suivante
        </button>
      )}
    </nav>
  );
}
