import { Injectable } from '@nestjs/common';
import { AuthService, Role, User, type Actor } from '@parcours/accounts';
import type { EntityManager } from '@mikro-orm/core';
import { isUuid, NotFoundError } from '@parcours/core';
import { UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { PathwaysError } from '../pathways-error';
import { Pathway } from '../pathway.entity';
import { ConversationBus, type PostedMessage } from './conversation-bus';
import { ConversationRead, MESSAGE_MAX_LENGTH, PathwayMessage } from './pathway-message.entity';

/** Who writes in a pathway's conversation: its referent and the operator's staff (ADMIN reads, audited, and does not write). */
const WRITERS = [Role.REFERENT, Role.COUNSELLOR, Role.MANAGER];

/** A message as the conversation shows it: who wrote it, and who of the others has read it. */
export interface MessageView {
  message: PathwayMessage;
  /** The person the pathway is about (for the access log of each read). */
  participantId: string;
  author: { id: string; fullName: string; role: Role };
  readBy: { id: string; fullName: string }[];
}

/**
 * The conversation of a pathway between its referent and the operator's staff who can see it:
 * short messages (at most MESSAGE_MAX_LENGTH characters), never edited, oldest first. Each read
 * and write goes through the actor's scope (NOT_FOUND otherwise: another referent, a former one
 * after a handover) and into the access log; the other side is notified (a staff notification).
 */
@Injectable()
export class ConversationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly auth: AuthService,
    private readonly bus: ConversationBus,
  ) {}

  async post(actor: Actor, pathwayId: string, text: string): Promise<MessageView> {
    if (!WRITERS.includes(actor.role)) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > MESSAGE_MAX_LENGTH) {
      throw new PathwaysError('INVALID_MESSAGE', `A message has 1 to ${MESSAGE_MAX_LENGTH} characters.`, ['input', 'text']);
    }
    const message = await this.uow.run(actor, async ({ em, reads, now }) => {
      const pathway = isUuid(pathwayId) ? await reads.findOne(Pathway, { id: pathwayId }) : null;
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      const written = new PathwayMessage(pathway, actor.userId, trimmed, now);
      em.persist(written);
      // Writing is reading what came before.
      await this.markRead(reads, pathway, actor.userId, now, em);
      return written;
    });
    this.bus.publish({ messageId: message.id, pathwayId });
    return (await this.views(actor, [message]))[0];
  }

  /** The conversations of these pathways, as the actor sees them (none of a pathway they do not see), oldest first. */
  async of(actor: Actor, pathwayIds: readonly string[]): Promise<MessageView[][]> {
    const lists = await this.uow.read(actor, (reads) => reads.byParent(PathwayMessage, 'pathway', pathwayIds.filter(isUuid), { orderBy: { writtenAt: 'asc', id: 'asc' } }));
    const views = await this.views(actor, lists.flat());
    const byId = new Map(views.map((view) => [view.message.id, view]));
    return lists.map((list) => list.map((message) => byId.get(message.id)!));
  }

  /**
   * Marks the conversation read up to now for the actor; NOT_FOUND for a pathway they do not see.
   * Writes only when someone else wrote since they last read it: opening a page is not a write.
   */
  async read(actor: Actor, pathwayId: string): Promise<void> {
    await this.uow.run(actor, async ({ em, reads, now }) => {
      const pathway = isUuid(pathwayId) ? await reads.findOne(Pathway, { id: pathwayId }) : null;
      if (!pathway) throw new NotFoundError('Pathway', ['input', 'pathwayId']);
      const marker = await reads.findOne(ConversationRead, { pathway: pathway.id, reader: actor.userId });
      const unread = await reads.count(PathwayMessage, { pathway: pathway.id, author: { $ne: actor.userId }, ...(marker ? { writtenAt: { $gt: marker.readAt } } : {}) });
      if (unread > 0) await this.markRead(reads, pathway, actor.userId, now, em);
    });
  }

  /** A message announced, if the subscriber's session is live and they still see its pathway. */
  async deliverable(subscriber: Actor, posted: PostedMessage): Promise<MessageView | null> {
    if (!subscriber.sessionId || !(await this.auth.sessionIsLive(subscriber.sessionId, subscriber.userId))) return null;
    const message = await this.uow.read(subscriber, (reads) => reads.findOne(PathwayMessage, { id: posted.messageId }));
    return message ? (await this.views(subscriber, [message]))[0] : null;
  }

  private async markRead(reads: ScopedReads, pathway: Pathway, readerId: string, at: Date, em: EntityManager): Promise<void> {
    const marker = await reads.findOne(ConversationRead, { pathway: pathway.id, reader: readerId });
    if (marker) marker.readAt = at;
    else em.persist(new ConversationRead(pathway, readerId, at));
  }

  private views(actor: Actor, messages: readonly PathwayMessage[]): Promise<MessageView[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return this.uow.read(actor, async (reads) => {
      const pathwayIds = [...new Set(messages.map((message) => message.pathway.id))];
      const [markers, pathways] = await Promise.all([
        reads.find(ConversationRead, { pathway: { $in: pathwayIds } }),
        reads.find(Pathway, { id: { $in: pathwayIds } }, { fields: ['participant'] }),
      ]);
      const participantOf = new Map(pathways.map((pathway) => [pathway.id, pathway.participant.id]));
      const people = new Map(
        (await reads.system().find(User, { id: { $in: [...new Set([...messages.map((message) => message.author.id), ...markers.map((marker) => marker.reader.id)])] } }, { fields: ['id', 'fullName', 'role'] })).map((user) => [user.id, user]),
      );
      return messages.map((message) => {
        const author = people.get(message.author.id)!;
        const readBy = markers
          .filter((marker) => marker.pathway.id === message.pathway.id && marker.reader.id !== author.id && marker.readAt >= message.writtenAt)
          .map((marker) => people.get(marker.reader.id)!)
          .map(({ id, fullName }) => ({ id, fullName }));
        return { message, participantId: participantOf.get(message.pathway.id)!, author: { id: author.id, fullName: author.fullName, role: author.role }, readBy };
      });
    });
  }
}
