import type { User } from '@parcours/accounts';
import { PathwayStatus } from '../pathway-status';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import type { ApplyChange } from '../stage-change';
import type { Checkpoint } from './checkpoint.entity';
import { Contact, type ContactRecord } from './contact.entity';

/** Contacts are recorded from the acceptance of the referral to the exit, and after it. */
export const FOLLOWED: readonly PathwayStatus[] = [PathwayStatus.ACCEPTED, PathwayStatus.DIAGNOSTIC_SCHEDULED, PathwayStatus.DIAGNOSED, PathwayStatus.IN_PLACEMENT, PathwayStatus.EXITED];

/**
 * The follow-up of one pathway: its contacts, and its checkpoints as they are answered, missed or
 * cancelled (the placements keep the calendar itself). Owns the pathway's `contacts`; what the
 * pathway must record, it returns to it (StageChange).
 */
export class FollowUpStage {
  constructor(
    private readonly pathway: Pathway,
    private readonly apply: ApplyChange,
  ) {}

  /** A contact from the acceptance of the referral to the exit and after, answering a checkpoint or not. */
  recordContact(record: ContactRecord, checkpoint: Checkpoint | null, by: User, at: Date): Contact {
    if (!FOLLOWED.includes(this.pathway.status)) {
      throw new PathwaysError('CONTACT_NOT_ALLOWED', `Contacts are recorded from the acceptance of the referral to the exit and after; this pathway is ${this.pathway.status}.`, ['input', 'pathwayId']);
    }
    if (checkpoint && checkpoint.pathway.id !== this.pathway.id) throw new PathwaysError('CHECKPOINT_CLOSED', "This checkpoint is another pathway's.", ['input', 'checkpointId']);
    checkpoint?.record(at);
    const contact = new Contact(this.pathway, record, checkpoint, by, at);
    this.pathway.contacts.add(contact);
    this.apply({ event: { type: 'ContactRecorded', contact } }, by, at);
    return contact;
  }

  /** The sweep marks a checkpoint MISSED: in the history, without moving the retention clock. */
  missCheckpoint(checkpoint: Checkpoint, at: Date): void {
    checkpoint.miss(at);
    this.apply({ event: { type: 'CheckpointMissed', checkpoint }, quiet: true }, null, at);
  }

  /** Cancels the checkpoints still waiting (withdrawal, erasure); recorded ones stay. */
  cancelPending(): void {
    for (const checkpoint of this.pathway.checkpoints.getItems()) checkpoint.cancel();
  }
}
