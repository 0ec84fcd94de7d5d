import { Injectable } from '@nestjs/common';
import { Organisation, Role, type Actor } from '@parcours/accounts';
import { DomainError, ForbiddenError, isUuid, NotFoundError } from '@parcours/core';
import { UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { Convention, type ConventionTerms } from './convention.entity';
import { conventionProblems, type ConventionInput } from './convention-terms';

/** Funding conventions: ADMIN for any operator, a MANAGER for their own. */
@Injectable()
export class ConventionsService {
  constructor(private readonly uow: UnitOfWork) {}

  async create(actor: Actor, input: ConventionInput): Promise<Convention> {
    return this.uow.run(actor, async ({ em, reads, now, by }) => {
      const convention = new Convention(await this.terms(actor, reads, input), by, now);
      em.persist(convention);
      return convention;
    });
  }

  async update(actor: Actor, conventionId: string, input: ConventionInput): Promise<Convention> {
    if (!isUuid(conventionId)) throw new NotFoundError('Convention', ['input', 'conventionId']);
    return this.uow.run(actor, async ({ reads, now }) => {
      const convention = await reads.findOne(Convention, { id: conventionId });
      if (!convention) throw new NotFoundError('Convention', ['input', 'conventionId']);
      convention.update(await this.terms(actor, reads, input), now);
      return convention;
    });
  }

  list(actor: Actor): Promise<Convention[]> {
    return this.uow.read(actor, (reads) => reads.find(Convention, {}, { orderBy: { startOn: 'desc', id: 'asc' }, populate: ['operator', 'funder'] }));
  }

  async get(actor: Actor, id: string): Promise<Convention> {
    const convention = isUuid(id) ? await this.uow.read(actor, (reads) => reads.findOne(Convention, { id }, { populate: ['operator', 'funder'] })) : null;
    if (!convention) throw new NotFoundError('Convention', ['input', 'conventionId']);
    return convention;
  }

  /** The input checked against every rule at once, its organisations found (NOT_FOUND otherwise). */
  private async terms(actor: Actor, reads: ScopedReads, input: ConventionInput): Promise<ConventionTerms> {
    const organisation = async (id: string, field: string) => {
      const found = isUuid(id) ? await reads.findOne(Organisation, { id }) : null;
      if (!found) throw new NotFoundError('Organisation', ['input', field]);
      return found;
    };
    const operator = await organisation(input.operatorId, 'operatorId');
    if (actor.role === Role.MANAGER && operator.id !== actor.organisationId) throw new ForbiddenError('A manager records conventions for their own operator only.');
    const funder = await organisation(input.funderId, 'funderId');
    const problems = conventionProblems(input, { operator: operator.kind, funder: funder.kind });
    if (problems.length > 0) throw DomainError.all(problems);
    return { ...input, title: input.title.trim(), budgetLine: input.budgetLine.trim(), operator, funder };
  }
}
