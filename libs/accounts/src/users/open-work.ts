import type { EntityManager } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Work } from '@parcours/unit-of-work';
import { AccountsError } from '../accounts-error';
import { OrganisationKind } from '@parcours/core';
import { Role } from '@parcours/core';
import type { User } from './user.entity';

/** What a member of staff holds that must never be left without an owner. */
export interface OpenWork {
  /** Open pathways they are in charge of, or the referent of. */
  pathways: number;
  /** Pending follow-up checkpoints of the pathways they are in charge of (exited ones included). */
  checkpoints: number;
  /** Diagnostic interviews they are to run. */
  appointments: number;
  /** Reports to them not yet acknowledged. */
  reports: number;
}

export const NO_OPEN_WORK: OpenWork = { pathways: 0, checkpoints: 0, appointments: 0, reports: 0 };

/**
 * A module whose rows a member of staff holds (pathways, reports…). Each declares, where its rows
 * live, how to count what a user holds and how to hand it to a successor; accounts imports none of
 * them (as the personal-data policies).
 */
export interface WorkHolder {
  openWork(em: EntityManager, userId: string): Promise<Partial<OpenWork>>;
  /** Moves everything the leaving user holds to the successor, in the caller's unit of work. */
  handOver(work: Work, leaving: User, successor: User, reason: string): Promise<void>;
}

/** Marks a provider as a module's WorkHolder. */
export const HoldsWork = DiscoveryService.createDecorator<void>();

/** Every module's WorkHolder, found at start among the providers marked `@HoldsWork()`. */
@Injectable()
export class WorkHolders implements OnModuleInit {
  private holders: WorkHolder[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.holders = this.discovery.getProviders({ metadataKey: HoldsWork.KEY }).map((wrapper) => wrapper.instance as WorkHolder);
  }

  async openWork(em: EntityManager, userId: string): Promise<OpenWork> {
    const counts = { ...NO_OPEN_WORK };
    for (const holder of this.holders) {
      for (const [kind, count] of Object.entries(await holder.openWork(em, userId))) counts[kind as keyof OpenWork] += count;
    }
    return counts;
  }

  async handOver(work: Work, leaving: User, successor: User, reason: string): Promise<void> {
    for (const holder of this.holders) await holder.handOver(work, leaving, successor, reason);
  }
}

export function holdsWork(counts: OpenWork): boolean {
  return Object.values(counts).some((count) => count > 0);
}

/** The roles that may hold work: in charge of pathways and interviews, or referent. */
export const WORK_HOLDING_ROLES: readonly Role[] = [Role.COUNSELLOR, Role.MANAGER, Role.REFERENT];

/** What the successor rule looks at of an account. */
export interface AccountFacts {
  id: string;
  role: Role;
  active: boolean;
  organisationId: string;
  kind: OrganisationKind;
}

export function accountFacts(user: User): AccountFacts {
  return { id: user.id, role: user.role, active: user.active, organisationId: user.organisation.id, kind: user.organisation.getEntity().kind };
}

/**
 * Whether `successor` may take over what `leaving` holds, as assignCounsellor and assignReferent
 * would allow it: an active counsellor or manager of the same operator for operator staff, an
 * active referent for a referent. The problem, or null.
 */
export function successorProblem(leaving: AccountFacts, successor: AccountFacts): string | null {
  if (successor.id === leaving.id) return 'A leaving account cannot be its own successor.';
  if (!successor.active) return 'The successor must be an active account.';
  if (leaving.kind === OrganisationKind.PRESCRIBER) return successor.role === Role.REFERENT ? null : 'The successor of a referent must be a referent.';
  if (leaving.kind === OrganisationKind.OPERATOR) {
    if (![Role.COUNSELLOR, Role.MANAGER].includes(successor.role)) return 'The successor must be a counsellor or a manager.';
    return successor.organisationId === leaving.organisationId ? null : 'The successor must belong to the same operator.';
  }
  return 'This account holds no work to hand over.';
}

/** Refused while work would be left without an owner: the counts say what. */
export class HasOpenWorkError extends AccountsError {
  override readonly payload: { openWork: OpenWork };

  constructor(counts: OpenWork, why: string) {
    const listed = [
      [counts.pathways, 'open pathway(s)'],
      [counts.checkpoints, 'pending checkpoint(s)'],
      [counts.appointments, 'planned interview(s)'],
      [counts.reports, 'unacknowledged report(s)'],
    ]
      .filter(([count]) => (count as number) > 0)
      .map(([count, what]) => `${count} ${what}`)
      .join(', ');
    super('HAS_OPEN_WORK', `This account holds ${listed}: ${why}`, ['input', 'successorId']);
    this.payload = { openWork: counts };
  }
}
