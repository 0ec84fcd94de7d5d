import { useState } from 'react';
import { useMutation } from 'urql';
import { useAuth, useMe } from '../auth';
import { errorCode, FormError, Select } from '../components/forms';
import { frenchMessage } from '../errors';
import { UpdateMyNotificationSettingsDocument, type NotificationDelivery } from '../graphql/generated';
import { DELIVERY, NOTIFICATION_SETTING } from '../labels';
import { ReminderDelays } from './ReminderDelays';

/** How each kind of notice reaches the signed-in member of staff; the operator's reminders to the people they accompany. */
export function SettingsPage() {
  const me = useMe();
  const staff = me.role === 'MANAGER' || me.role === 'COUNSELLOR';
  return (
    <>
      <h1 tabIndex={-1}>Réglages</h1>
      {me.notificationEmails.length > 0 && <NotificationEmailSettings />}
      {staff && <ReminderDelays canEdit={me.role === 'MANAGER'} />}
      {!staff && me.notificationEmails.length === 0 && <p>Rien à régler pour votre rôle.</p>}
    </>
  );
}

/** Per kind of notice: an e-mail each time, the morning's digest, only the console (or, for new referrals, nothing). */
function NotificationEmailSettings() {
  const me = useMe();
  const { reloadMe } = useAuth();
  const [choices, setChoices] = useState<Record<string, NotificationDelivery>>(() => Object.fromEntries(me.notificationEmails.map((setting) => [setting.kind, setting.delivery])));
  const [saved, setSaved] = useState(false);
  const [{ fetching, data, error }, update] = useMutation(UpdateMyNotificationSettingsDocument);
  const failures = data?.updateMyNotificationSettings.userErrors ?? [];
  return (
    <section aria-labelledby="avis">
      <h2 id="avis">Vos notifications</h2>
      <p>
        Tout arrive dans Parcours (la cloche « Notifications »). Choisissez ce qui vous arrive aussi par e-mail. Les e-mails ne contiennent rien sur les personnes : seulement ce qui vous
        attend, et le lien pour le voir après connexion.
      </p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setSaved(false);
          const emails = me.notificationEmails.map((setting) => ({ kind: setting.kind, delivery: choices[setting.kind] }));
          const result = await update({ input: { emails } });
          if (result.data?.updateMyNotificationSettings.user) {
            setSaved(true);
            await reloadMe();
          }
        }}
      >
        <FormError messages={failures.length ? failures.map((failure) => frenchMessage(failure.code, failure.message)) : error ? [frenchMessage(errorCode(error)!)] : undefined} />
        {me.notificationEmails.map((setting) => (
          <Select
            key={setting.kind}
            label={NOTIFICATION_SETTING[setting.kind]}
            value={choices[setting.kind]}
            onChange={(delivery) => setChoices((current) => ({ ...current, [setting.kind]: delivery }))}
            options={(Object.entries(DELIVERY) as [NotificationDelivery, string][]).filter(([delivery]) => delivery !== 'OFF' || setting.kind === 'NEW_REFERRAL')}
          />
        ))}
        <button type="submit" className="primary" disabled={fetching}>
          Enregistrer
        </button>
        {saved && (
          <p className="alert alert-success" role="status">
            Vos réglages sont enregistrés.
          </p>
        )}
      </form>
    </section>
  );
}
