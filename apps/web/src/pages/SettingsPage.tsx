import { useState } from 'react';
import { useMutation } from 'urql';
import { useAuth, useMe } from '../auth';
import { errorCode, FormError } from '../components/forms';
import { frenchMessage } from '../errors';
import { UpdateMyNotificationSettingsDocument } from '../graphql/generated';
import { ReminderDelays } from './ReminderDelays';

/** A referent's e-mails for new reports; the operator's staff's reminders to the people they accompany. */
export function SettingsPage() {
  const me = useMe();
  if (me.role === 'REFERENT') return <ReportEmailSettings />;
  return (
    <>
      <h1 tabIndex={-1}>Rappels aux personnes</h1>
      {me.role === 'MANAGER' || me.role === 'COUNSELLOR' ? <ReminderDelays canEdit={me.role === 'MANAGER'} /> : <p>Rien à régler pour votre rôle.</p>}
    </>
  );
}

/** Whether a referent gets an e-mail for each new report. */
function ReportEmailSettings() {
  const me = useMe();
  const { reloadMe } = useAuth();
  const [reportEmails, setReportEmails] = useState(me.reportEmails);
  const [saved, setSaved] = useState(false);
  const [{ fetching, data, error }, update] = useMutation(UpdateMyNotificationSettingsDocument);
  const failures = data?.updateMyNotificationSettings.userErrors ?? [];
  return (
    <>
      <h1 tabIndex={-1}>Réglages des notifications</h1>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setSaved(false);
          const result = await update({ input: { reportEmails } });
          if (result.data?.updateMyNotificationSettings.user) {
            setSaved(true);
            await reloadMe();
          }
        }}
      >
        <FormError messages={failures.length ? failures.map((failure) => frenchMessage(failure.code, failure.message)) : error ? [frenchMessage(errorCode(error)!)] : undefined} />
        <div className="field">
          <input id="report-emails" type="checkbox" checked={reportEmails} onChange={(event) => setReportEmails(event.target.checked)} aria-describedby="report-emails-hint" />
          <label htmlFor="report-emails" className="inline">
            Recevoir un e-mail à chaque nouveau compte rendu
          </label>
          <p className="hint" id="report-emails-hint">
            L’e-mail ne contient rien sur la personne : seulement le lien vers le compte rendu, à lire après connexion.
          </p>
        </div>
        <button type="submit" className="primary" disabled={fetching}>
          Enregistrer
        </button>
        {saved && (
          <p className="alert alert-success" role="status">
            Vos réglages sont enregistrés.
          </p>
        )}
      </form>
    </>
  );
}
