import { Link } from 'react-router';

/** What an address that does not exist, or is not the caller's, shows: the same page either way. */
export function NotFoundPage() {
  return (
    <>
      <h1 tabIndex={-1}>Page introuvable</h1>
      <p>Cette page n’existe pas, ou elle ne vous est pas accessible.</p>
      <p>
        <Link to="/">Revenir à l’accueil</Link>
      </p>
    </>
  );
}
