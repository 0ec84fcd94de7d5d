import { ConversationRead, PathwayMessage } from './conversation/pathway-message.entity';
import { Checkpoint } from './follow-ups/checkpoint.entity';
import { Contact } from './follow-ups/contact.entity';
import { Appointment } from './interviews/appointment.entity';
import { Diagnostic } from './interviews/diagnostic.entity';
import { PathwayEvent } from './pathway-event.entity';
import { Pathway } from './pathway.entity';
import { Placement } from './placements/placement.entity';
import { Proposal, ProposalStep } from './proposals/proposal.entity';
import { ReferralBarrier } from './referral-barrier.entity';
import { RefusedReferral } from './refused-referral.entity';

/** The entities of libs/pathways (the pathway, its history and every stage that hangs from it): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const PATHWAYS_ENTITIES = [Pathway, PathwayEvent, ReferralBarrier, RefusedReferral, Appointment, Diagnostic, Proposal, ProposalStep, Placement, Checkpoint, Contact, PathwayMessage, ConversationRead] as const;
