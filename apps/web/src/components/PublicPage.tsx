import type { ReactNode } from 'react';

/** The name of the service, as every page shows it at the top. */
export function Brand() {
  return (
    <p className="brand">
      Parcours <span className="brand-sub">dispositif L.O.I.R.E</span>
    </p>
  );
}

/** A page open without a session (sign-in, the e-mailed links, the person's own page): narrow, under the service's name. */
export function PublicPage({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <main id="contenu" className={['narrow', className].filter(Boolean).join(' ')}>
      <Brand />
      {children}
    </main>
  );
}
