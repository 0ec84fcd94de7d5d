import { useCallback, useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { TextArea } from '../components/forms';
import { AnswerAppointmentDocument, OpenAppointmentLinkDocument, StopAppointmentMessagesDocument, type AppointmentAtLinkFieldsFragment } from '../graphql/generated';
import { PublicPage } from '../components/PublicPage';

/** Kept for a reload of this tab only: the address bar and the history lose it once read. */
const KEPT = 'parcours-rendez-vous';

/** The token, from the link's fragment (no server, log or Referer sees it), or as this tab kept it. */
function tokenOfLink(): string {
  const fromLink = decodeURIComponent(window.location.hash.slice(1));
  if (fromLink) {
    sessionStorage.setItem(KEPT, fromLink);
    window.history.replaceState(window.history.state, '', window.location.pathname);
    return fromLink;
  }
  return sessionStorage.getItem(KEPT) ?? '';
}

const WHEN = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
const HOUR = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** "le vendredi 20 mars 2026 à 10:00", Paris time, as the messages say it. */
function longInstant(value: string): string {
  const at = new Date(value);
  return `${WHEN.format(at)} à ${HOUR.format(at)}`;
}

const HOW: Record<string, string> = { PHONE: 'Par téléphone : on vous appellera.', VIDEO: 'En visio : le lien vous sera donné.' };

/**
 * The person's page, opened from the link in an SMS or an e-mail, on a phone: their appointment,
 * "je serai présent(e)" or "je ne pourrai pas venir" (a reason and "rappelez-moi" if they wish),
 * changeable until the appointment; and, one step further, stopping the messages. Nothing about
 * them but the appointment. A link that no longer opens anything says "lien expiré", whatever the cause.
 */
export function AppointmentAnswerPage() {
  const [token] = useState(tokenOfLink);
  const [, open] = useMutation(OpenAppointmentLinkDocument);
  const [answered, answer] = useMutation(AnswerAppointmentDocument);
  const [stopped, stop] = useMutation(StopAppointmentMessagesDocument);
  const [cannotCome, setCannotCome] = useState(false);
  const [reason, setReason] = useState('');
  const [callBack, setCallBack] = useState(true);
  const [confirmStop, setConfirmStop] = useState(false);
  // The page as the latest answer of the server left it (opening, answering, stopping); any refusal is "lien expiré".
  const [appointment, setAppointment] = useState<AppointmentAtLinkFieldsFragment | null>(null);
  const [expired, setExpired] = useState(!token);
  const settle = useCallback((result: { error?: unknown; data?: { appointment?: AppointmentAtLinkFieldsFragment | null } | null }) => {
    if (result.error || !result.data?.appointment) setExpired(true);
    else setAppointment(result.data.appointment);
  }, []);
  useEffect(() => {
    if (token) void open({ input: { token } }).then((result) => settle({ error: result.error, data: result.data?.openAppointmentLink }));
  }, [token, open, settle]);
  const stopMessages = async () => {
    const result = await stop({ input: { token } });
    settle({ error: result.error, data: result.data?.stopAppointmentMessages });
    setConfirmStop(false);
  };
  const sendAnswer = async (input: { answer: 'COMING' | 'CANNOT_COME'; reason?: string | null; callBack?: boolean }) => {
    const result = await answer({ input: { token, ...input } });
    settle({ error: result.error, data: result.data?.answerAppointment });
    setCannotCome(false);
  };

  return (
    <PublicPage className="person-page">
      <h1>Votre rendez-vous</h1>
      {expired ? (
        <div className="alert alert-error" role="alert">
          <p>Ce lien a expiré.</p>
          <p>Pour toute question sur votre rendez-vous, appelez la structure qui vous l’a donné.</p>
        </div>
      ) : !appointment ? (
        <p role="status">Chargement…</p>
      ) : (
        <>
          <p className="when">Le {longInstant(appointment.startsAt)}</p>
          <p>
            Avec {appointment.counsellorName} ({appointment.operatorName})
          </p>
          <p>{appointment.channel === 'ON_SITE' ? (appointment.place ? `Lieu : ${appointment.place}` : `Dans les locaux de ${appointment.operatorName}`) : HOW[appointment.channel]}</p>
          {appointment.operatorPhone && (
            <p>
              Une question ? <a href={`tel:${appointment.operatorPhone.replace(/[^+\d]/g, '')}`}>Appelez le {appointment.operatorPhone}</a>
            </p>
          )}
          {appointment.answer && (
            <p className="alert alert-success" role="status">
              {appointment.answer === 'COMING'
                ? 'Merci : nous avons noté que vous serez présent(e).'
                : `Merci : nous avons noté que vous ne pourrez pas venir.${appointment.answerCallBack ? ' Nous allons vous rappeler.' : ''}`}{' '}
              Vous pouvez changer votre réponse jusqu’au rendez-vous.
            </p>
          )}
          <h2>Votre réponse</h2>
          <div className="person-actions">
            <button type="button" className="primary" disabled={answered.fetching} onClick={() => void sendAnswer({ answer: 'COMING' })}>
              Je serai présent(e)
            </button>
            <button type="button" disabled={answered.fetching} aria-expanded={cannotCome} onClick={() => setCannotCome(true)}>
              Je ne pourrai pas venir
            </button>
          </div>
          {cannotCome && (
            <form
              onSubmit={async (event) => {
                event.preventDefault();
                await sendAnswer({ answer: 'CANNOT_COME', reason: reason.trim() || null, callBack });
              }}
            >
              <TextArea label="Pourquoi ? (facultatif)" value={reason} onChange={setReason} hint="Quelques mots suffisent. N’écrivez rien de votre santé ou de votre vie privée." />
              <div className="field">
                <input id="call-back" type="checkbox" checked={callBack} onChange={(event) => setCallBack(event.target.checked)} />
                <label htmlFor="call-back" className="inline">
                  Rappelez-moi pour trouver une autre date
                </label>
              </div>
              <button type="submit" className="primary" disabled={answered.fetching}>
                Envoyer ma réponse
              </button>
            </form>
          )}
          <details className="person-stop">
            <summary>Ne plus recevoir de messages</summary>
            {appointment.receivesMessages ? (
              confirmStop ? (
                <div role="alertdialog" aria-labelledby="stop-question">
                  <p id="stop-question">Vous ne recevrez plus aucun SMS ni e-mail de Parcours, ni pour ce rendez-vous ni pour les suivants. Continuer ?</p>
                  <button type="button" className="danger" disabled={stopped.fetching} onClick={() => void stopMessages()}>
                    Oui, ne plus rien recevoir
                  </button>
                  <button type="button" onClick={() => setConfirmStop(false)}>
                    Non, garder les messages
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => setConfirmStop(true)}>
                  Ne plus recevoir de SMS ni d’e-mails
                </button>
              )
            ) : (
              <p role="status">Vous ne recevez plus de messages de Parcours. Pour les recevoir à nouveau, dites-le à {appointment.operatorName}.</p>
            )}
          </details>
        </>
      )}
    </PublicPage>
  );
}
