import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { OrganisationKind } from './organisation-kind';

/** Names compare without case or surrounding and repeated spaces. */
export function organisationNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

@Entity({ tableName: 'organisation' })
export class Organisation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 200 })
  name: string;

  @Property({ length: 200, unique: true })
  nameKey: string;

  @Property({ type: 'string', length: 20 })
  @Index()
  kind: OrganisationKind;

  @Property({ type: Date })
  createdAt: Date;

  @Property({ type: Date })
  updatedAt: Date;

  constructor(name: string, kind: OrganisationKind, at: Date) {
    this.kind = kind;
    this.createdAt = at;
    this.rename(name, at);
  }

  rename(name: string, at: Date): void {
    this.name = name.trim().replace(/\s+/g, ' ');
    this.nameKey = organisationNameKey(name);
    this.updatedAt = at;
  }
}
