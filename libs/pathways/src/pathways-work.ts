import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { HoldsWork, type OpenWork, type User, type WorkHolder } from '@parcours/accounts';
import { ScopedReads, SYSTEM, type Work } from '@parcours/unit-of-work';
import { CheckpointStatus } from './follow-ups/follow-up-calendar';
import { Checkpoint } from './follow-ups/checkpoint.entity';
import { Appointment } from './interviews/appointment.entity';
import { AppointmentStatus } from './interviews/interview-enums';
import { OPEN_STATUSES } from './pathway-status';
import { Pathway } from './pathway.entity';

/**
 * What a member of staff holds on pathways: the open ones they are in charge of or the referent
 * of, the pending checkpoints of those they are in charge of (exited ones too: the follow-up goes
 * on), the interviews they are to run. All of it goes to a successor through Pathway.handOverFrom.
 */
@HoldsWork()
@Injectable()
export class PathwaysWork implements WorkHolder {
  // What a user holds is read whole, whoever asks: UsersService decided they may ask.
  async openWork(em: EntityManager, userId: string): Promise<Partial<OpenWork>> {
    const reads = new ScopedReads(em, SYSTEM);
    const [pathways, checkpoints, appointments] = await Promise.all([
      reads.count(Pathway, { status: { $in: [...OPEN_STATUSES] }, $or: [{ counsellor: userId }, { referent: userId }] }),
      reads.count(Checkpoint, { status: CheckpointStatus.PENDING, pathway: { counsellor: userId } }),
      reads.count(Appointment, { status: AppointmentStatus.PLANNED, counsellor: userId }),
    ]);
    return { pathways, checkpoints, appointments };
  }

  async handOver({ reads, by, now }: Work, leaving: User, successor: User, reason: string): Promise<void> {
    const held = await reads.system().find(
      Pathway,
      {
        $or: [
          { status: { $in: [...OPEN_STATUSES] }, $or: [{ counsellor: leaving.id }, { referent: leaving.id }] },
          { counsellor: leaving.id, checkpoints: { status: CheckpointStatus.PENDING } },
          { appointments: { status: AppointmentStatus.PLANNED, counsellor: leaving.id } },
        ],
      },
      { populate: ['appointments'] },
    );
    for (const pathway of held) pathway.handOverFrom(leaving, successor, by, now, reason);
  }
}
