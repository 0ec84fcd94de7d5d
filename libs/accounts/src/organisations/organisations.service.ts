import { EntityManager, UniqueConstraintViolationException, type Cursor } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock, isUuid, NotFoundError } from '@parcours/core';
import { AccountsError } from '../accounts-error';
import type { Actor } from '../actor';
import type { PageRequest } from '../users/users.service';
import { Organisation, organisationNameKey } from './organisation.entity';
import { OrganisationKind } from './organisation-kind';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async create(_actor: Actor, name: string, kind: OrganisationKind): Promise<Organisation> {
    const em = this.em.fork();
    await this.assertNameFree(em, name);
    const organisation = new Organisation(name, kind, this.clock.now());
    await this.flushNamed(em, organisation);
    return organisation;
  }

  async rename(_actor: Actor, id: string, name: string): Promise<Organisation> {
    const em = this.em.fork();
    const organisation = isUuid(id) ? await em.findOne(Organisation, id) : null;
    if (!organisation) throw new NotFoundError('Organisation', ['input', 'id']);
    if (organisationNameKey(name) !== organisation.nameKey) await this.assertNameFree(em, name);
    organisation.rename(name, this.clock.now());
    await this.flushNamed(em, organisation);
    return organisation;
  }

  async get(_actor: Actor, id: string): Promise<Organisation> {
    const organisation = isUuid(id) ? await this.em.fork().findOne(Organisation, id) : null;
    if (!organisation) throw new NotFoundError('Organisation');
    return organisation;
  }

  async list(_actor: Actor, filter: { kind?: OrganisationKind }, page: PageRequest): Promise<Cursor<Organisation>> {
    return this.em.fork().findByCursor(Organisation, filter.kind ? { kind: filter.kind } : {}, {
      first: page.first ?? 20,
      after: page.after,
      orderBy: { nameKey: 'asc', id: 'asc' },
    });
  }

  /** The operators a referent may refer people to: every signed-in user may list them. */
  async operators(): Promise<Organisation[]> {
    return this.em.fork().find(Organisation, { kind: OrganisationKind.OPERATOR }, { orderBy: { nameKey: 'asc' } });
  }

  private async assertNameFree(em: EntityManager, name: string): Promise<void> {
    if (await em.count(Organisation, { nameKey: organisationNameKey(name) })) throw nameTaken();
  }

  private async flushNamed(em: EntityManager, organisation: Organisation): Promise<void> {
    try {
      await em.persistAndFlush(organisation);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw nameTaken();
      throw error;
    }
  }
}

function nameTaken(): AccountsError {
  return new AccountsError('ORGANISATION_NAME_TAKEN', 'An organisation already has this name.', ['input', 'name']);
}
