import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ChoosePasswordPage } from './pages/ChoosePasswordPage';
import { AppointmentAnswerPage } from './pages/AppointmentAnswerPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PathwayPage } from './pages/PathwayPage';
import { PathwaysPage } from './pages/PathwaysPage';
import { ReferPage } from './pages/ReferPage';
import { ReportPage } from './pages/ReportPage';
import { ReportsPage } from './pages/ReportsPage';
import { SettingsPage } from './pages/SettingsPage';
import { ProviderRefusedPage, SignInPage } from './pages/SignInPage';
import { DiagnosticPage } from './pages/staff/DiagnosticPage';
import { AccountPage, NewAccountPage } from './pages/admin/AccountPages';
import { AccountsPage } from './pages/admin/AccountsPage';
import { ConventionsPage } from './pages/figures/ConventionsPage';
import { AccessLogPage, DeadLettersPage, OrganisationPage, OrganisationsPage } from './pages/admin/AdminPages';
import { PersonPage } from './pages/PersonPage';
import { ImportPage, ImportsPage } from './pages/imports/ImportPages';
import { FollowUpsPage } from './pages/staff/FollowUpsPage';
import { OpportunitiesPage } from './pages/offers/OpportunitiesPage';
import { OpportunityFormPage } from './pages/offers/OpportunityFormPage';
import { OpportunityPage } from './pages/offers/OpportunityPage';
import { PartnerFormPage, PartnersPage } from './pages/offers/PartnersPage';
import type { Role } from './graphql/generated';

/** The figures and their chart library load when first opened: the other screens do without them. */
const FiguresPage = lazy(() => import('./pages/figures/FiguresPage').then((module) => ({ default: module.FiguresPage })));

/** Where a page that needs a session sends a visitor without one, to come back after signing in. */
function SignedIn() {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) {
    return (
      <p className="loading" role="status">
        Chargement…
      </p>
    );
  }
  if (me === null) return <Navigate to={`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Layout />;
}

/** Who has each screen: any other role gets "Page introuvable", as for an address that does not exist. */
const PEOPLE: Role[] = ['REFERENT', 'COUNSELLOR', 'MANAGER', 'ADMIN'];
const STAFF: Role[] = ['COUNSELLOR', 'MANAGER'];
const TEAMS: Role[] = ['MANAGER', 'ADMIN'];

function Only({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { me } = useAuth();
  return me && roles.includes(me.role) ? children : <NotFoundPage />;
}

export function App() {
  return (
    <Routes>
      <Route path="/connexion" element={<SignInPage />} />
      <Route path="/connexion/refus" element={<ProviderRefusedPage />} />
      {/* Open without a session: the pages of the e-mailed links (the server's AccountLinks names them). */}
      <Route path="/mot-de-passe-oublie" element={<ForgotPasswordPage />} />
      <Route path="/nouveau-mot-de-passe" element={<ChoosePasswordPage purpose="reset" />} />
      <Route path="/invitation" element={<ChoosePasswordPage purpose="invitation" />} />
      <Route path="/rendez-vous" element={<AppointmentAnswerPage />} />
      <Route element={<SignedIn />}>
        <Route index element={<HomePage />} />
        <Route path="orienter" element={<Only roles={['REFERENT']}><ReferPage /></Only>} />
        <Route path="import" element={<Only roles={['REFERENT']}><ImportsPage /></Only>} />
        <Route path="import/:id" element={<Only roles={['REFERENT', 'ADMIN']}><ImportPage /></Only>} />
        <Route path="parcours" element={<Only roles={PEOPLE}><PathwaysPage /></Only>} />
        <Route path="parcours/:id" element={<Only roles={PEOPLE}><PathwayPage /></Only>} />
        <Route path="parcours/:id/diagnostic" element={<Only roles={STAFF}><DiagnosticPage /></Only>} />
        <Route path="suivis" element={<Only roles={STAFF}><FollowUpsPage /></Only>} />
        <Route path="conventions" element={<Only roles={TEAMS}><ConventionsPage /></Only>} />
        <Route path="comptes" element={<Only roles={TEAMS}><AccountsPage /></Only>} />
        <Route path="organisations" element={<Only roles={['ADMIN']}><OrganisationsPage /></Only>} />
        <Route path="organisations/:id" element={<Only roles={['ADMIN']}><OrganisationPage /></Only>} />
        <Route path="personnes/:id" element={<Only roles={PEOPLE}><PersonPage /></Only>} />
        <Route path="journal" element={<Only roles={['ADMIN']}><AccessLogPage /></Only>} />
        <Route path="courriels" element={<Only roles={['ADMIN']}><DeadLettersPage /></Only>} />
        <Route path="comptes/nouveau" element={<Only roles={TEAMS}><NewAccountPage /></Only>} />
        <Route path="comptes/:id" element={<Only roles={TEAMS}><AccountPage /></Only>} />
        <Route
          path="chiffres"
          element={
            <Only roles={['MANAGER', 'FUNDER', 'ADMIN']}>
              <Suspense fallback={<p role="status">Chargement…</p>}>
                <FiguresPage />
              </Suspense>
            </Only>
          }
        />
        <Route path="offres" element={<Only roles={STAFF}><OpportunitiesPage /></Only>} />
        <Route path="offres/nouvelle" element={<Only roles={STAFF}><OpportunityFormPage /></Only>} />
        <Route path="offres/:id" element={<Only roles={STAFF}><OpportunityPage /></Only>} />
        <Route path="offres/:id/modifier" element={<Only roles={STAFF}><OpportunityFormPage /></Only>} />
        <Route path="partenaires" element={<Only roles={[...STAFF, 'ADMIN']}><PartnersPage /></Only>} />
        <Route path="partenaires/nouveau" element={<Only roles={[...STAFF, 'ADMIN']}><PartnerFormPage /></Only>} />
        <Route path="partenaires/:id" element={<Only roles={[...STAFF, 'ADMIN']}><PartnerFormPage /></Only>} />
        <Route path="reports" element={<Only roles={['REFERENT', ...TEAMS]}><ReportsPage /></Only>} />
        <Route path="reports/:id" element={<Only roles={['REFERENT', ...TEAMS]}><ReportPage /></Only>} />
        <Route path="notifications" element={<Only roles={['REFERENT', ...STAFF]}><NotificationsPage /></Only>} />
        <Route path="reglages" element={<SettingsPage />} />
        <Route path="mot-de-passe" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
