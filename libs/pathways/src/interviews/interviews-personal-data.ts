import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/core';
import { entityPolicy, PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { participantOf, byPathway } from '../pathways-personal-data';
import { Appointment } from './appointment.entity';
import { diagnosticSeenBy } from './diagnostic-view';
import { Diagnostic } from './diagnostic.entity';

/** The diagnostic interview: appointments (the person's reason for not coming erased) and diagnostics (notes and summary erased). */
@PersonalData()
@Injectable()
export class InterviewsPersonalData implements PersonalDataPolicy {
  readonly entities = [
    entityPolicy<Diagnostic>({
      entity: Diagnostic,
      subject: participantOf,
      object: (diagnostic) => diagnostic.id,
      erase: ['notes', 'strengths', 'summary'],
      keep: [
        'id', 'pathway', 'appointment', 'recordedBy', 'assessments', 'targetJobs', 'contractTypes', 'workingTime', 'mobilityRadiusKm',
        'availableFrom', 'readiness', 'recordedAt', 'recordedOn', 'correctedAt',
      ],
    }),
    entityPolicy<Appointment>({
      entity: Appointment,
      subject: participantOf,
      object: (appointment) => appointment.id,
      erase: ['answerReason'],
      keep: ['id', 'pathway', 'counsellor', 'startsAt', 'startsOn', 'channel', 'place', 'status', 'outcomeAt', 'sequence', 'answer', 'answerCallBack', 'answeredAt', 'remindedAt', 'createdAt'],
    }),
  ];

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const reads = new ScopedReads(em, viewer);
    const ids = subject.pathwayIds;
    const [appointments, diagnostics] = await Promise.all([
      reads.byParent(Appointment, 'pathway', ids, { orderBy: { startsAt: 'asc' } }),
      reads.byParent(Diagnostic, 'pathway', ids, { orderBy: { recordedAt: 'asc' } }),
    ]);
    return {
      perPathway: {
        appointments: byPathway(ids, appointments.map((rows) => rows.map(({ startsAt, channel, place, status, outcomeAt, answer, answerReason, answerCallBack, answeredAt }) => ({ startsAt, channel, place, status, outcomeAt, answer, answerReason, answerCallBack, answeredAt })))),
        diagnostics: byPathway(ids, 
          diagnostics.map((rows) =>
            rows.map((diagnostic) => {
              const { recordedAt, correctedAt, readiness, assessments, targetJobs, contractTypes, workingTime, mobilityRadiusKm, availableFrom, strengths, summary } = diagnosticSeenBy(diagnostic, viewer);
              return { recordedAt, correctedAt, readiness, assessments, targetJobs, contractTypes, workingTime, mobilityRadiusKm, availableFrom, strengths, summary };
            }),
          ),
        ),
      },
    };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const ids = subject.pathwayIds;
    for (const diagnostic of await reads.find(Diagnostic, { pathway: { $in: ids } })) diagnostic.forgetPersonalDetails();
    // Why the person said they could not come, in their words.
    for (const appointment of await reads.find(Appointment, { pathway: { $in: ids }, answerReason: { $ne: null } })) appointment.answerReason = null;
  }
}
