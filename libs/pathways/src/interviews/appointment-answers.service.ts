import { Injectable } from '@nestjs/common';
import { MessageChannel } from '@parcours/participants';
import { Clock } from '@parcours/core';
import { AuditAction, SYSTEM, UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { PathwaysError } from '../pathways-error';
import { AppointmentLinks } from './appointment-links';
import { Appointment } from './appointment.entity';
import { AppointmentAnswer } from './interview-enums';

/** What the person's page shows: the appointment (and nothing else of theirs), and whether they still get messages. */
export interface AppointmentAtLink {
  appointment: Appointment;
  counsellorName: string;
  operatorName: string;
  operatorAddress: string | null;
  operatorPhone: string | null;
  /** Whether they still receive messages (by any channel). */
  receivesMessages: boolean;
}

const AUDIT = { action: AuditAction.WRITE, role: 'PERSON_LINK' as const };

function expired(): PathwaysError {
  return new PathwaysError('APPOINTMENT_LINK_EXPIRED', 'This link has expired.', ['input', 'token']);
}

/**
 * The person's side of their appointment, through the link in their messages (AppointmentLinks):
 * no account, the token is the only key. It opens the appointment while it is planned and to come
 * (answerable); a forged token, an appointment held, missed, cancelled or past, and an erased
 * person all get the same APPOINTMENT_LINK_EXPIRED. Writes are filed as PERSON_LINK in the audit,
 * and by nobody on the staff in the history.
 */
@Injectable()
export class AppointmentAnswersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly links: AppointmentLinks,
    private readonly clock: Clock,
  ) {}

  /** The appointment as the page shows it (the API files the read as PERSON_LINK). */
  page(token: string): Promise<AppointmentAtLink> {
    return this.uow.read(SYSTEM, async (reads) => atLink(await this.open(reads, token, this.clock.now())));
  }

  /** "Je serai présent(e)", or "je ne pourrai pas venir" with an optional reason and whether to call back; may be changed until the appointment. */
  answer(token: string, answer: AppointmentAnswer, reason: string | null, callBack: boolean): Promise<AppointmentAtLink> {
    return this.uow.run(
      null,
      async ({ reads, now }) => {
        const appointment = await this.open(reads, token, now);
        appointment.pathway.getEntity().interviewStage.answer(appointment, answer, reason, callBack, now);
        return atLink(appointment);
      },
      { audit: AUDIT },
    );
  }

  /** "Ne plus recevoir de messages": every consent withdrawn, as a counsellor would (withdrawMessageConsent). */
  stopMessages(token: string): Promise<AppointmentAtLink> {
    return this.uow.run(
      null,
      async ({ reads, now }) => {
        const appointment = await this.open(reads, token, now);
        const pathway = appointment.pathway.getEntity();
        const person = pathway.participant.getEntity();
        const withdrawn = [MessageChannel.SMS, MessageChannel.EMAIL].filter((channel) => person.withdrawConsent(channel));
        if (withdrawn.length > 0) pathway.recordParticipantUpdate(withdrawn.map((channel) => (channel === MessageChannel.SMS ? 'smsConsent' : 'emailConsent')), null, now);
        return atLink(appointment);
      },
      { audit: AUDIT },
    );
  }

  private async open(reads: ScopedReads, token: string, now: Date): Promise<Appointment> {
    const id = this.links.appointmentOf(token);
    const appointment = id ? await reads.findOne(Appointment, { id }, { populate: ['pathway.participant', 'pathway.operator', 'counsellor'] }) : null;
    if (!appointment || !appointment.answerable(now) || appointment.pathway.getEntity().participant.getEntity().anonymisedAt) throw expired();
    return appointment;
  }
}

function atLink(appointment: Appointment): AppointmentAtLink {
  const pathway = appointment.pathway.getEntity();
  const operator = pathway.operator.getEntity();
  const person = pathway.participant.getEntity();
  return {
    appointment,
    counsellorName: appointment.counsellor.getEntity().fullName,
    operatorName: operator.name,
    operatorAddress: operator.contactAddress,
    operatorPhone: operator.contactPhone,
    receivesMessages: Boolean(person.smsConsentAt || person.emailConsentAt),
  };
}
