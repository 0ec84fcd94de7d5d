import { Entity, ManyToOne, PrimaryKey, Property, ref, Unique, type Ref, type FilterQuery } from '@mikro-orm/core';
import { pathwaysVisibleTo } from './pathway-scope';
import type { Actor } from '@parcours/accounts';
import { BarrierTheme } from '@parcours/participants';
import { randomUUID } from 'node:crypto';
import type { Pathway } from './pathway.entity';

/** A barrier theme declared at referral, part of the situation the eligibility was decided on. */
@Entity({ tableName: 'referral_barrier' })
@Unique({ properties: ['pathway', 'theme'] })
export class ReferralBarrier {
  static visibleTo(actor: Actor): FilterQuery<ReferralBarrier> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @Property({ type: 'string', length: 30 })
  theme: BarrierTheme;

  constructor(pathway: Pathway, theme: BarrierTheme) {
    this.pathway = ref(pathway);
    this.theme = theme;
  }
}
