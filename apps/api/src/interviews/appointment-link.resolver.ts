import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AppointmentAnswersService, type AppointmentAtLink } from '@parcours/pathways';
import { Public } from '../auth/access.decorators';
import type { GraphqlContext } from '../graphql/graphql-context';
import { AnswerAppointmentInput, AppointmentAtLinkNode, AppointmentAtLinkPayload, AppointmentLinkInput } from './interviews.types';

/**
 * The person's page, without an account: the token of the link in their messages, posted in the
 * body (the link carries it after #, which no server sees). One answer, APPOINTMENT_LINK_EXPIRED,
 * for a forged token and an appointment held, missed, cancelled or past. What it reads and writes
 * is filed in the access log as PERSON_LINK ("la personne, par son lien").
 */
@Resolver()
export class AppointmentLinkResolver {
  constructor(private readonly answers: AppointmentAnswersService) {}

  @Public()
  @Mutation(() => AppointmentAtLinkPayload, { description: 'Opens the person\'s page for their appointment (a mutation: the token travels in the body, never in a URL). APPOINTMENT_LINK_EXPIRED otherwise.' })
  async openAppointmentLink(@Args('input') input: AppointmentLinkInput, @Context() context: GraphqlContext): Promise<Partial<AppointmentAtLinkPayload>> {
    context.personLink = true;
    return { appointment: node(await this.answers.page(input.token)) };
  }

  @Public()
  @Mutation(() => AppointmentAtLinkPayload, { description: "The person's answer: COMING, or CANNOT_COME with an optional reason and callBack. No status changes; they may change it until the appointment." })
  async answerAppointment(@Args('input') input: AnswerAppointmentInput, @Context() context: GraphqlContext): Promise<Partial<AppointmentAtLinkPayload>> {
    context.personLink = true;
    return { appointment: node(await this.answers.answer(input.token, input.answer, input.reason ?? null, input.callBack ?? false)) };
  }

  @Public()
  @Mutation(() => AppointmentAtLinkPayload, { description: 'The person stops every message from Parcours (their consents withdrawn, as withdrawMessageConsent does).' })
  async stopAppointmentMessages(@Args('input') input: AppointmentLinkInput, @Context() context: GraphqlContext): Promise<Partial<AppointmentAtLinkPayload>> {
    context.personLink = true;
    return { appointment: node(await this.answers.stopMessages(input.token)) };
  }
}

function node(found: AppointmentAtLink): AppointmentAtLinkNode {
  const { appointment } = found;
  const pathway = appointment.pathway.getEntity();
  return {
    startsAt: appointment.startsAt,
    channel: appointment.channel,
    place: appointment.channel === 'ON_SITE' ? (appointment.place ?? found.operatorAddress) : null,
    counsellorName: found.counsellorName,
    operatorName: found.operatorName,
    operatorPhone: found.operatorPhone,
    answer: appointment.answer,
    answerReason: appointment.answerReason,
    answerCallBack: appointment.answerCallBack,
    receivesMessages: found.receivesMessages,
    pathwayId: pathway.id,
    participantId: pathway.participant.id,
  };
}
