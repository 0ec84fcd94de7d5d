import { AccountEvent, AccountToken, LoginFailure, Organisation, Session, SpentLink, User } from '@parcours/accounts';
import { AuditEntry } from '@parcours/audit';
import { OutboxMessage } from '@parcours/notifications';
import { Participant } from '@parcours/participants';
import { Opportunity, Partner, PartnerChange } from '@parcours/opportunities';
import { Convention } from '@parcours/conventions';
import { Appointment, Checkpoint, Contact, Diagnostic, Pathway, PathwayEvent, Placement, Proposal, ProposalStep, ReferralBarrier, RefusedReferral } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';

/**
 * Every entity class, listed by hand (no globs: the list is what the ORM, the migrations and the
 * drift test all see). A new entity is added here, then `npm run migration:create -- name`.
 */
export const ENTITIES = [Organisation, User, Session, SpentLink, LoginFailure, AccountToken, AccountEvent, Participant, Pathway, PathwayEvent, ReferralBarrier, RefusedReferral, Appointment, Diagnostic, Partner, PartnerChange, Opportunity, Proposal, ProposalStep, Placement, Checkpoint, Contact, ReferentReport, OutboxMessage, AuditEntry, Convention] as const;
