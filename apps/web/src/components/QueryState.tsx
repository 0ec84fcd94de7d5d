import type { CombinedError } from 'urql';
import { frenchMessage } from '../errors';
import { NotFoundPage } from '../pages/NotFoundPage';
import { errorCode } from './forms';

/**
 * What a page shows while its query runs or when it failed. NOT_FOUND is the "introuvable" page, and
 * so is FORBIDDEN: an address of a screen the role has no right to (a funder typing a pathway's)
 * says no more than one that does not exist.
 */
export function QueryState({ fetching, error }: { fetching: boolean; error?: CombinedError }) {
  const code = errorCode(error);
  if (code === 'NOT_FOUND' || code === 'FORBIDDEN') return <NotFoundPage />;
  if (code) {
    return (
      <>
        <h1 tabIndex={-1}>Erreur</h1>
        <p className="alert alert-error">{frenchMessage(code)}</p>
      </>
    );
  }
  return fetching ? (
    <p className="loading" role="status">
      Chargement…
    </p>
  ) : null;
}
