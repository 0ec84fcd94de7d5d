import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, Unique, type FilterQuery, type Ref } from '@mikro-orm/core';
import { User, type Actor } from '@parcours/accounts';
import { randomUUID } from 'node:crypto';
import { pathwaysVisibleTo } from '../pathway-scope';
import type { Pathway } from '../pathway.entity';

/** A message of the conversation is short: what the form allows, and the database holds. */
export const MESSAGE_MAX_LENGTH = 2_000;

/**
 * One message of a pathway's conversation between its referent and the operator's staff: its
 * author, when, its text. Never edited. Seen by whoever sees the pathway (a former referent, after
 * a handover, reads none). Its text is personal data: emptied when the person is erased.
 */
@Entity({ tableName: 'pathway_message' })
@Index({ properties: ['pathway', 'writtenAt'] })
export class PathwayMessage {
  static visibleTo(actor: Actor): FilterQuery<PathwayMessage> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @ManyToOne(() => User, { ref: true })
  author: Ref<User>;

  /** Null once the person is erased. */
  @Property({ type: 'text', nullable: true })
  text: string | null;

  @Property({ type: Date })
  writtenAt: Date;

  constructor(pathway: Pathway, authorId: string, text: string, at: Date) {
    this.pathway = ref(pathway);
    this.author = ref(User, authorId);
    this.text = text;
    this.writtenAt = at;
  }
}

/** How far one member of staff has read a pathway's conversation: a message is read by them when written before readAt. */
@Entity({ tableName: 'conversation_read' })
@Unique({ properties: ['pathway', 'reader'] })
export class ConversationRead {
  static visibleTo(actor: Actor): FilterQuery<ConversationRead> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @ManyToOne(() => User, { ref: true })
  reader: Ref<User>;

  @Property({ type: Date })
  readAt: Date;

  constructor(pathway: Pathway, readerId: string, at: Date) {
    this.pathway = ref(pathway);
    this.reader = ref(User, readerId);
    this.readAt = at;
  }
}
