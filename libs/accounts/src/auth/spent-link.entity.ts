import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A signed download link that has been used (AuthService.actorOfLink): a link opens its resource
 * once. Only the link's id and expiry: nothing of who or what. Deleted once the link has expired.
 */
@Entity({ tableName: 'spent_link' })
export class SpentLink {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: Date, index: true })
  expiresAt: Date;

  constructor(id: string, expiresAt: Date) {
    this.id = id;
    this.expiresAt = expiresAt;
  }
}
