import { useLocation } from 'react-router';

/** The confirmation a page was sent to with navigate(…, { state: { flash } }). */
export function Flash() {
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  if (!flash) return null;
  return (
    <p className="alert alert-success" role="status">
      {flash}
    </p>
  );
}
