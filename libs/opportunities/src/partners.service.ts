import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isPartnerKind, Organisation, OrganisationKind, Role, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock, DomainError, ForbiddenError, isUuid, NotFoundError, searchNameContains, type Problem } from '@parcours/core';
import { Territory } from '@parcours/territory';
import { AuditAction, type Page, type ScopedReads, Sweep, UnitOfWork } from '@parcours/unit-of-work';
import { subMonths } from 'date-fns';
import { Opportunity } from './opportunity.entity';
import { OpportunitiesError } from './opportunities-error';
import { Partner, PartnerChange, type PartnerContact, type PartnerDetails } from './partner.entity';
import { isValidSiret, normaliseSiret } from './siret';

export interface PartnerCommand {
  name: string;
  siret: string;
  communeCode: string;
  contact: PartnerContact | null;
}

export interface PartnersFilter {
  kind?: OrganisationKind;
  search?: string;
}

/** The partners of the network: registered once, shared by every operator, unique by SIRET. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly territory: Territory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** By an ADMIN or any operator's MANAGER: the partner and its organisation, in one command. */
  async create(actor: Actor, kind: OrganisationKind, command: PartnerCommand): Promise<Partner> {
    const details = this.check(command, isPartnerKind(kind) ? [] : [{ code: 'WRONG_PARTNER_KIND', field: ['input', 'kind'], message: 'A partner is an employer, a temp agency or a training body.' }]);
    return this.siretUnique(() =>
      this.uow.run(actor, async ({ em, reads, now, by }) => {
        await assertSiretFree(reads, details.siret, null);
        const organisation = new Organisation(details.name, kind, now);
        const partner = new Partner(organisation, details, actor.organisationId, by, now);
        em.persist([organisation, partner]);
        return partner;
      }),
    );
  }

  /** By an ADMIN, or a MANAGER of the operator that registered it (FORBIDDEN to others). */
  async update(actor: Actor, partnerId: string, command: PartnerCommand): Promise<Partner> {
    const details = this.check(command, []);
    if (!isUuid(partnerId)) throw new NotFoundError('Partner', ['input', 'partnerId']);
    return this.siretUnique(() =>
      this.uow.run(actor, async ({ reads, now, by }) => {
        const partner = await reads.findOne(Partner, { id: partnerId }, { populate: ['organisation'] });
        if (!partner) throw new NotFoundError('Partner', ['input', 'partnerId']);
        if (actor.role !== Role.ADMIN && partner.registeredBy.id !== actor.organisationId) {
          throw new ForbiddenError('Only an administrator or a manager of the operator that registered this partner may change it.');
        }
        await assertSiretFree(reads, details.siret, partner.id);
        partner.update(details, by, now);
        return partner;
      }),
    );
  }

  async get(actor: Actor, id: string): Promise<Partner> {
    const partner = isUuid(id) ? await this.uow.read(actor, (reads) => reads.findOne(Partner, { id }, { populate: ['organisation'] })) : null;
    if (!partner) throw new NotFoundError('Partner');
    return partner;
  }

  list(actor: Actor, filter: PartnersFilter, page: { first?: number; after?: string }): Promise<Page<Partner, 'organisation'>> {
    const where: FilterQuery<Partner>[] = [];
    if (filter.kind) where.push({ organisation: { kind: filter.kind } });
    if (filter.search?.trim()) where.push(searchNameContains(filter.search));
    return this.uow.read(actor, (reads) =>
      reads.findByCursor(Partner, { $and: where }, { first: page.first ?? 20, after: page.after, orderBy: { createdAt: 'desc', id: 'desc' }, populate: ['organisation'] }),
    );
  }

  /** The histories of several partners, oldest first. */
  histories(actor: Actor, partnerIds: readonly string[]): Promise<PartnerChange[][]> {
    return this.uow.read(actor, (reads) => reads.byParent(PartnerChange, 'partner', partnerIds, { orderBy: { at: 'asc', id: 'asc' }, populate: ['by'] }));
  }

  /**
   * Retention of the contact person's details: a partner nobody changed, and none of whose
   * offers anybody changed, for RETENTION_MONTHS loses its contact (name, phone, e-mail); the
   * partner itself stays. Idempotent.
   */
  @Sweep('retention of partner contacts')
  async sweepContacts(): Promise<{ forgotten: number }> {
    const cutoff = subMonths(this.clock.now(), this.config.dataProtection.retentionMonths);
    const audit = { action: AuditAction.ANONYMISE, operation: 'retention sweep', reason: `partner contact unchanged for ${this.config.dataProtection.retentionMonths} months` };
    return this.uow.run(
      null,
      async ({ reads, now }) => {
        const due = await reads.find(Partner, { contactName: { $ne: null }, updatedAt: { $lt: cutoff } });
        const ids = due.map((partner) => partner.id);
        // Partners of an offer changed since the cutoff keep their contact: one statement for them all.
        const offers = ids.length === 0 ? [] : await reads.find(Opportunity, { updatedAt: { $gte: cutoff }, $or: [{ partner: { $in: ids } }, { client: { $in: ids } }] }, { fields: ['partner', 'client'] });
        const inUse = new Set(offers.flatMap((offer) => [offer.partner.id, offer.client?.id]));
        const forgotten = due.filter((partner) => !inUse.has(partner.id));
        for (const partner of forgotten) partner.forgetContact(now);
        return { forgotten: forgotten.length };
      },
      { audit },
    );
  }

  /** Every problem of the details at once; the SIRET without its spaces. */
  private check(command: PartnerCommand, problems: Problem[]): PartnerDetails {
    const siret = normaliseSiret(command.siret);
    if (!isValidSiret(siret)) problems.push({ code: 'INVALID_SIRET', field: ['input', 'siret'], message: 'A SIRET is 14 digits with a valid check digit (INSEE).' });
    if (!this.territory.commune(command.communeCode)) problems.push({ code: 'UNKNOWN_COMMUNE', field: ['input', 'communeCode'], message: 'No commune has this INSEE code.' });
    const contact = command.contact ? { name: command.contact.name.trim(), phone: command.contact.phone?.trim() || null, email: command.contact.email?.trim() || null } : null;
    if (contact && !contact.phone && !contact.email) {
      problems.push({ code: 'INVALID_CONTACT', field: ['input', 'contact'], message: 'A contact person has a phone number or an e-mail address.' });
    }
    if (problems.length > 0) throw DomainError.all(problems);
    return { name: command.name, siret, communeCode: command.communeCode, contact };
  }

  /** A concurrent registration of the same SIRET loses on the unique index. */
  private async siretUnique(work: () => Promise<Partner>): Promise<Partner> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw siretTaken();
      throw error;
    }
  }
}

/** SIRETs are unique over every partner, whoever may see them (all staff see all partners anyway). */
async function assertSiretFree(reads: ScopedReads, siret: string, partnerId: string | null): Promise<void> {
  const holder = await reads.system().findOne(Partner, { siret }, { fields: ['id'] });
  if (holder && holder.id !== partnerId) throw siretTaken();
}

function siretTaken(): OpportunitiesError {
  return new OpportunitiesError('SIRET_TAKEN', 'A partner is already registered with this SIRET.', ['input', 'siret']);
}
