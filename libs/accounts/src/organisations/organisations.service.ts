import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { isUuid, NotFoundError } from '@parcours/core';
import { SYSTEM, UnitOfWork, type Work, type Page } from '@parcours/unit-of-work';
import { AccountsError } from '../accounts-error';
import type { Actor } from '@parcours/core';
import type { PageRequest } from '../users/users.service';
import { Organisation, organisationNameKey } from './organisation.entity';
import { checkReminderDelays, type ReminderDelay } from './reminder-delays';
import { isPartnerKind, OrganisationKind } from '@parcours/core';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, name: string, kind: OrganisationKind): Promise<Organisation> {
    if (isPartnerKind(kind)) throw partnerKind(['input', 'kind']);
    return this.named(actor, async ({ em, now }) => {
      await this.assertNameFree(em, name);
      const organisation = new Organisation(name, kind, now);
      em.persist(organisation);
      return organisation;
    });
  }

  /**
   * A name corrected, an OPERATOR's contact set (undefined: unchanged; CONTACT_FOR_OPERATORS on any
   * other kind), and whether its accounts must sign in through the identity provider (undefined:
   * unchanged; OIDC_OFF without one set up).
   */
  async rename(actor: Actor, id: string, name: string, contact?: { address?: string | null; phone?: string | null; email?: string | null }, oidcRequired?: boolean): Promise<Organisation> {
    if (oidcRequired && !this.config.oidc) {
      throw new AccountsError('OIDC_OFF', 'No identity provider is set up on this server (OIDC_ISSUER_URL…): its accounts could not sign in.', ['input', 'oidcRequired']);
    }
    return this.named(actor, async ({ em, now }) => {
      const organisation = isUuid(id) ? await em.findOne(Organisation, id) : null;
      if (!organisation) throw new NotFoundError('Organisation', ['input', 'id']);
      if (isPartnerKind(organisation.kind)) throw partnerKind(['input', 'id']);
      if (contact && organisation.kind !== OrganisationKind.OPERATOR) {
        throw new AccountsError('CONTACT_FOR_OPERATORS', 'Only an operator has a contact for referents.', ['input', 'contact']);
      }
      if (organisationNameKey(name) !== organisation.nameKey) await this.assertNameFree(em, name);
      organisation.rename(name, now);
      if (contact) organisation.setContact(contact, now);
      if (oidcRequired !== undefined) organisation.oidcRequired = oidcRequired;
      return organisation;
    });
  }

  /** The reminder delays of the actor's operator (a COUNSELLOR's or MANAGER's). */
  async reminderDelays(actor: Actor): Promise<readonly ReminderDelay[]> {
    const operator = await this.uow.read(SYSTEM, (reads) => reads.findOne(Organisation, { id: actor.organisationId, kind: OrganisationKind.OPERATOR }));
    if (!operator) throw new NotFoundError('Organisation');
    return operator.reminders;
  }

  /** A MANAGER sets their operator's reminder delays (checked: INVALID_REMINDER_DELAYS); the appointments booked or moved from then on follow them. */
  async setReminderDelays(actor: Actor, delays: readonly ReminderDelay[]): Promise<readonly ReminderDelay[]> {
    const checked = checkReminderDelays(delays);
    return this.uow.run(actor, async ({ em, now }) => {
      const operator = await em.findOne(Organisation, { id: actor.organisationId, kind: OrganisationKind.OPERATOR });
      if (!operator) throw new NotFoundError('Organisation');
      operator.reminderDelays = checked;
      operator.updatedAt = now;
      return operator.reminders;
    });
  }

  /** Operators by id, for what shows their name and contact (every signed-in user may read them). */
  async operatorsById(ids: readonly string[]): Promise<(Organisation | null)[]> {
    const found = await this.uow.read(SYSTEM, (reads) => reads.find(Organisation, { id: { $in: ids.filter(isUuid) }, kind: OrganisationKind.OPERATOR }));
    return ids.map((id) => found.find((organisation) => organisation.id === id) ?? null);
  }

  async get(actor: Actor, id: string): Promise<Organisation> {
    const organisation = isUuid(id) ? await this.uow.read(actor, (reads) => reads.findOne(Organisation, { id })) : null;
    if (!organisation) throw new NotFoundError('Organisation');
    return organisation;
  }

  async list(actor: Actor, filter: { kind?: OrganisationKind }, page: PageRequest): Promise<Page<Organisation>> {
    return this.uow.read(actor, (reads) =>
      reads.findByCursor(Organisation, filter.kind ? { kind: filter.kind } : {}, {
        first: page.first ?? 20,
        after: page.after,
        orderBy: { nameKey: 'asc', id: 'asc' },
      }),
    );
  }

  /** The operators a referent may refer people to: every signed-in user may list them. */
  async operators(): Promise<Organisation[]> {
    return this.ofKind(OrganisationKind.OPERATOR);
  }

  /** The funders a convention may name: names only, for those who record conventions. */
  async funders(): Promise<Organisation[]> {
    return this.ofKind(OrganisationKind.FUNDER);
  }

  private ofKind(kind: OrganisationKind): Promise<Organisation[]> {
    return this.uow.read(SYSTEM, (reads) => reads.find(Organisation, { kind }, { orderBy: { nameKey: 'asc' } }));
  }

  private async assertNameFree(em: EntityManager, name: string): Promise<void> {
    if (await em.count(Organisation, { nameKey: organisationNameKey(name) })) throw nameTaken();
  }

  /** A change that names an organisation: a concurrent one with the same name loses on the unique index. */
  private async named(actor: Actor, work: (work: Work) => Promise<Organisation>): Promise<Organisation> {
    try {
      return await this.uow.run(actor, work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw nameTaken();
      throw error;
    }
  }
}

function nameTaken(): AccountsError {
  return new AccountsError('ORGANISATION_NAME_TAKEN', 'An organisation already has this name.', ['input', 'name']);
}

/** A partner's organisation is made and renamed with its partner (SIRET, contact, history). */
function partnerKind(field: string[]): AccountsError {
  return new AccountsError('PARTNER_KIND', 'Employers, temp agencies and training bodies are registered and renamed as partners (createPartner, updatePartner).', field);
}
