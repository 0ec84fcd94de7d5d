import { AppointmentChannel } from '@parcours/pathways';
import ical, { ICalCalendarMethod } from 'ical-generator';

/** What a message to the person says about their appointment: the invitation, a new time, or its cancellation. */
export enum PersonMessageKind {
  CONVOCATION = 'CONVOCATION',
  NEW_TIME = 'NEW_TIME',
  CANCELLATION = 'CANCELLATION',
  /** Before the appointment, at one of the operator's reminder delays. */
  REMINDER = 'REMINDER',
}

/** What a convocation needs, read when it is sent: the appointment as it stands, and whom to call. */
export interface ConvocationFacts {
  appointmentId: string;
  /** Raised by each change: the calendar's SEQUENCE, so that a calendar replaces the earlier invitation. */
  sequence: number;
  startsAt: Date;
  channel: AppointmentChannel;
  /** Where, when on site: the appointment's own place, else the operator's address. */
  place: string | null;
  counsellorName: string;
  operatorName: string;
  operatorAddress: string | null;
  operatorPhone: string | null;
  /** The person's own page for this appointment (answer, or stop the messages); null once there is nothing to answer (a cancellation). */
  answerUrl: string | null;
}

/** An interview lasts an hour in the calendar (the invitation needs an end). */
const LENGTH_MS = 60 * 60 * 1000;
const WHEN = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** "le mardi 17 mars 2026 à 10:00", Paris time. */
export function parisWhen(at: Date): string {
  return `le ${WHEN.format(at)}`;
}

function where(facts: ConvocationFacts): string {
  if (facts.channel === AppointmentChannel.PHONE) return `Par téléphone : ${facts.counsellorName} vous appellera au numéro que vous avez donné. Gardez votre téléphone près de vous.`;
  if (facts.channel === AppointmentChannel.VIDEO) return `En visio : le lien de connexion vous sera donné par ${facts.counsellorName}. Il suffit d’un téléphone ou d’un ordinateur avec une caméra.`;
  const place = facts.place ?? facts.operatorAddress;
  return place ? `Lieu : ${place} (${facts.operatorName}).` : `Lieu : dans les locaux de ${facts.operatorName}.`;
}

/**
 * The e-mail to the person about their diagnostic interview: French, short, the day and time in
 * Paris, where (or how, by phone or video), with whom, what to bring, a number to call; with its
 * calendar invitation (one UID per appointment, SEQUENCE raised by each change, METHOD:CANCEL for a
 * cancellation). Nothing about barriers, health, justice or the diagnostic: only the appointment.
 */
export function convocationEmail(kind: PersonMessageKind, facts: ConvocationFacts): { subject: string; text: string; calendar?: { method: 'REQUEST' | 'CANCEL'; content: string } } {
  const when = parisWhen(facts.startsAt);
  const call = facts.operatorPhone ? `Un empêchement, une question ? Appelez ${facts.operatorName} au ${facts.operatorPhone}.` : `Un empêchement, une question ? Prévenez ${facts.operatorName}.`;
  const lead: Record<Exclude<PersonMessageKind, PersonMessageKind.CANCELLATION>, string> = {
    CONVOCATION: `Vous êtes attendu(e) à un entretien d’accompagnement vers l’emploi (dispositif L.O.I.R.E) avec ${facts.counsellorName}, ${when} (heure de Paris).`,
    NEW_TIME: `Votre entretien avec ${facts.counsellorName} (${facts.operatorName}) change d’heure : il aura lieu ${when} (heure de Paris).`,
    REMINDER: `Rappel : vous êtes attendu(e) à votre entretien avec ${facts.counsellorName} (${facts.operatorName}), ${when} (heure de Paris).`,
  };
  const answer = facts.answerUrl ? ['', `Dites-nous si vous serez là (ou si vous ne pouvez pas venir) : ${facts.answerUrl}`] : [];
  const lines =
    kind === PersonMessageKind.CANCELLATION
      ? [`Votre entretien du ${when.slice(3)} avec ${facts.counsellorName} (${facts.operatorName}) est annulé.`, '', `${facts.operatorName} vous proposera un autre rendez-vous.`, call]
      : [lead[kind], '', where(facts), '', 'À apporter : une pièce d’identité, votre CV si vous en avez un, et votre identifiant France Travail si vous êtes inscrit(e).', ...answer, '', call];
  const stop = facts.answerUrl
    ? `Pour ne plus recevoir de messages de Parcours : ${facts.answerUrl}`
    : `Pour ne plus recevoir de messages de Parcours, dites-le à ${facts.operatorName}${facts.operatorPhone ? ` (${facts.operatorPhone})` : ''}.`;
  const subjects: Record<PersonMessageKind, string> = {
    CANCELLATION: 'Parcours : votre entretien est annulé',
    NEW_TIME: `Parcours : votre entretien est déplacé au ${when.slice(3)}`,
    CONVOCATION: `Parcours : votre entretien ${when}`,
    REMINDER: `Parcours : rappel, votre entretien ${when}`,
  };
  const subject = subjects[kind];
  const text = ['Bonjour,', '', ...lines, '', '-- ', `Parcours, dispositif L.O.I.R.E, pour ${facts.operatorName} (message automatique, merci de ne pas y répondre)`, stop].join('\n');
  // A reminder changes nothing in the calendar: the invitation already holds the appointment.
  if (kind === PersonMessageKind.REMINDER) return { subject, text };
  const method = kind === PersonMessageKind.CANCELLATION ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ method, prodId: { company: 'Parcours', product: 'convocations', language: 'FR' } });
  calendar.createEvent({
    id: `appointment-${facts.appointmentId}@parcours`,
    sequence: facts.sequence,
    start: facts.startsAt,
    end: new Date(facts.startsAt.getTime() + LENGTH_MS),
    summary: `Entretien avec ${facts.counsellorName} (${facts.operatorName})`,
    location: facts.channel === AppointmentChannel.ON_SITE ? (facts.place ?? facts.operatorAddress ?? facts.operatorName) : facts.channel === AppointmentChannel.PHONE ? 'Par téléphone' : 'En visio',
    description: lines.filter((line) => line !== '').join('\n'),
  });
  return {
    subject,
    text,
    calendar: { method: method === ICalCalendarMethod.CANCEL ? 'CANCEL' : 'REQUEST', content: calendar.toString() },
  };
}

const SHORT = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** "mar. 17/03 à 10:00", Paris time: as an SMS says it. */
export function shortWhen(at: Date): string {
  return SHORT.format(at).replace(/^(\S+)\s+(\d{2}\/\d{2})\s+(\d{2}:\d{2})$/, '$1 $2 à $3');
}

/**
 * The SMS to the person about their interview: one message, in French, the day and time in Paris,
 * where or how, with whom, whom to call. Nothing about barriers, health, justice or the diagnostic.
 */
export function convocationSms(kind: PersonMessageKind, facts: ConvocationFacts): string {
  const when = shortWhen(facts.startsAt);
  const how = facts.channel === AppointmentChannel.PHONE ? 'par téléphone (on vous appelle)' : facts.channel === AppointmentChannel.VIDEO ? 'en visio (le lien vous sera donné)' : (facts.place ?? facts.operatorAddress ?? `chez ${facts.operatorName}`);
  const call = facts.operatorPhone ? ` Empêchement : ${facts.operatorPhone}.` : '';
  if (kind === PersonMessageKind.CANCELLATION) return `Parcours : votre entretien du ${when} avec ${facts.counsellorName} (${facts.operatorName}) est annulé. Un autre rendez-vous vous sera proposé.${call}`;
  const lead = { NEW_TIME: 'votre entretien est déplacé au', CONVOCATION: 'entretien le', REMINDER: 'rappel, entretien le' }[kind];
  const answer = facts.answerUrl ? ` Répondre ou ne plus recevoir de SMS : ${facts.answerUrl}` : '';
  return `Parcours : ${lead} ${when} avec ${facts.counsellorName} (${facts.operatorName}), ${how}.${call}${answer}`;
}
