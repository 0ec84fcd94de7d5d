import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ChoosePasswordPage } from './pages/ChoosePasswordPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PathwayPage } from './pages/PathwayPage';
import { PathwaysPage } from './pages/PathwaysPage';
import { ReferPage } from './pages/ReferPage';
import { ReportPage } from './pages/ReportPage';
import { ReportsPage } from './pages/ReportsPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './pages/SignInPage';
import { DiagnosticPage } from './pages/staff/DiagnosticPage';
import { AccountPage, NewAccountPage } from './pages/admin/AccountPages';
import { AccountsPage } from './pages/admin/AccountsPage';
import { ConventionsPage } from './pages/figures/ConventionsPage';
import { AccessLogPage, DeadLettersPage, OrganisationPage, OrganisationsPage } from './pages/admin/AdminPages';
import { PersonPage } from './pages/PersonPage';
import { FollowUpsPage } from './pages/staff/FollowUpsPage';
import { OpportunitiesPage } from './pages/offers/OpportunitiesPage';
import { OpportunityFormPage } from './pages/offers/OpportunityFormPage';
import { OpportunityPage } from './pages/offers/OpportunityPage';
import { PartnerFormPage, PartnersPage } from './pages/offers/PartnersPage';

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

export function App() {
  return (
    <Routes>
      <Route path="/connexion" element={<SignInPage />} />
      {/* Open without a session: the pages of the e-mailed links (the server's AccountLinks names them). */}
      <Route path="/mot-de-passe-oublie" element={<ForgotPasswordPage />} />
      <Route path="/nouveau-mot-de-passe" element={<ChoosePasswordPage purpose="reset" />} />
      <Route path="/invitation" element={<ChoosePasswordPage purpose="invitation" />} />
      <Route element={<SignedIn />}>
        <Route index element={<HomePage />} />
        <Route path="orienter" element={<ReferPage />} />
        <Route path="parcours" element={<PathwaysPage />} />
        <Route path="parcours/:id" element={<PathwayPage />} />
        <Route path="parcours/:id/diagnostic" element={<DiagnosticPage />} />
        <Route path="suivis" element={<FollowUpsPage />} />
        <Route path="conventions" element={<ConventionsPage />} />
        <Route path="comptes" element={<AccountsPage />} />
        <Route path="organisations" element={<OrganisationsPage />} />
        <Route path="organisations/:id" element={<OrganisationPage />} />
        <Route path="personnes/:id" element={<PersonPage />} />
        <Route path="journal" element={<AccessLogPage />} />
        <Route path="courriels" element={<DeadLettersPage />} />
        <Route path="comptes/nouveau" element={<NewAccountPage />} />
        <Route path="comptes/:id" element={<AccountPage />} />
        <Route
          path="chiffres"
          element={
            <Suspense fallback={<p role="status">Chargement…</p>}>
              <FiguresPage />
            </Suspense>
          }
        />
        <Route path="offres" element={<OpportunitiesPage />} />
        <Route path="offres/nouvelle" element={<OpportunityFormPage />} />
        <Route path="offres/:id" element={<OpportunityPage />} />
        <Route path="offres/:id/modifier" element={<OpportunityFormPage />} />
        <Route path="partenaires" element={<PartnersPage />} />
        <Route path="partenaires/nouveau" element={<PartnerFormPage />} />
        <Route path="partenaires/:id" element={<PartnerFormPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="reports/:id" element={<ReportPage />} />
        <Route path="reglages" element={<SettingsPage />} />
        <Route path="mot-de-passe" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
