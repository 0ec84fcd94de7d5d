import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { NotificationBus, StaffNotificationsService } from '@parcours/notifications';
import { PathwaysService, type PathwayView } from '@parcours/pathways';
import { Territory } from '@parcours/territory';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import { liveSubscription } from '../graphql/live-subscription';
import { PathwaysMapping } from '../pathways/pathways.mapping';
import type { PathwayNode } from '../pathways/pathways.types';
import { MarkNotificationsReadInput, NotificationsReadPayload, StaffNotificationConnection, StaffNotificationNode, StaffNotificationsFilter, toStaffNotificationNode } from './staff-notifications.types';

const { REFERENT, COUNSELLOR, MANAGER } = Role;

@Resolver()
export class StaffNotificationsResolver {
  private readonly map: PathwaysMapping;

  constructor(
    private readonly notifications: StaffNotificationsService,
    private readonly pathways: PathwaysService,
    private readonly bus: NotificationBus,
    territory: Territory,
  ) {
    this.map = new PathwaysMapping(territory);
  }

  private pathwayNode(view: PathwayView): PathwayNode {
    return this.map.pathway(view, this.pathways.isWaitingTooLong(view));
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Query(() => StaffNotificationConnection, { description: "The signed-in member of staff's notifications, newest first: only about pathways they still see." })
  async myNotifications(
    @Args() page: ConnectionArgs,
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => StaffNotificationsFilter, nullable: true }) filter?: StaffNotificationsFilter,
  ): Promise<StaffNotificationConnection> {
    const { page: found, views } = await this.notifications.list(actor, filter ?? {}, page);
    return toConnection(found, (notification) => toStaffNotificationNode(notification, this.pathwayNode(views.get(notification.pathway.id)!)));
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Query(() => Int, { description: 'How many of the signed-in member of staff\'s notifications are unread (the bell).' })
  myUnreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.notifications.unreadCount(actor);
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Mutation(() => NotificationsReadPayload, { description: 'Marks some of the reader\'s own notifications read. An id that is not theirs is NOT_FOUND, and none is marked.' })
  async markNotificationsRead(@Args('input') input: MarkNotificationsReadInput, @CurrentActor() actor: Actor): Promise<Partial<NotificationsReadPayload>> {
    const marked = await this.notifications.markRead(actor, input.ids);
    return { marked: marked.length, unreadCount: await this.notifications.unreadCount(actor) };
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Mutation(() => NotificationsReadPayload, { description: "Marks every unread notification of the reader read." })
  async markAllNotificationsRead(@CurrentActor() actor: Actor): Promise<Partial<NotificationsReadPayload>> {
    return { marked: await this.notifications.markAllRead(actor), unreadCount: 0 };
  }

  @Roles(REFERENT, COUNSELLOR, MANAGER)
  @Subscription(() => StaffNotificationNode, {
    description: 'Each notification written for the signed-in member of staff, as it is written. Checked at each event: session live, account active, the pathway still theirs to see.',
    resolve: (node: StaffNotificationNode) => node,
  })
  staffNotificationAdded(@CurrentActor() actor: Actor): AsyncIterableIterator<StaffNotificationNode> {
    return liveSubscription(
      (signal) => this.bus.announced(signal),
      async (announced) => {
        const found = await this.notifications.deliverable(actor, announced);
        return found ? toStaffNotificationNode(found.notification, this.pathwayNode(found.view)) : null;
      },
    );
  }
}
