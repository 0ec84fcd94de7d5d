import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountEventType, OrganisationKind, Role, User, userView, type AccountEvent, type OpenWork, type Organisation, type UserView } from '@parcours/accounts';
import { deliveryOf, NotificationDelivery, REPORT_SETTING } from '@parcours/notifications';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { Connection } from '../graphql/connection';
import { Payload } from '../graphql/user-error';
import { Text } from '../graphql/text-field';

registerEnumType(Role, { name: 'Role', description: 'A user has one role, which must fit their organisation kind.' });
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(AccountEventType, { name: 'AccountEventType' });

/** How a session was opened (AccountEventDetail.via). */
export enum SignInMethodEnum {
  PASSWORD = 'PASSWORD',
  OIDC = 'OIDC',
}
registerEnumType(SignInMethodEnum, { name: 'SignInMethod' });

@ObjectType('OrganisationContact', { description: "An operator's contact for referents (and, later, the people it accompanies): the structure's, never a person's." })
export class OrganisationContactNode {
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
}

@ObjectType('Organisation')
export class OrganisationNode {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field() createdAt: Date;
  @Field({ description: 'Its accounts (but ADMINs) sign in through the identity provider only, while one is set up: passwords refused, no reset link sent.' }) oidcRequired: boolean;
}

@ObjectType({ description: 'An operator a referent may refer people to: its name only.' })
export class Operator {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('User')
export class UserNode {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() fullName: string;
  @Field(() => Role) role: Role;
  @Field() active: boolean;
  @Field(() => Date, { nullable: true }) deactivatedAt: Date | null;
  @Field(() => OrganisationNode) organisation: OrganisationNode;
  @Field({ description: 'Whether each new report also comes as an e-mail at once: notificationEmails\' REPORT is AT_ONCE (the default).', deprecationReason: 'Read notificationEmails (kind REPORT).' }) reportEmails: boolean;
  @Field({ description: 'Created without a password, and the invitation neither followed nor accepted through the identity provider: nobody can sign in as this user yet.' }) invitationPending: boolean;
  @Field({ description: 'Linked to the identity provider (ProConnect): signs in through it. An ADMIN may unlink it (unlinkIdentityProvider).' }) oidcLinked: boolean;
  @Field() createdAt: Date;
  /** Not a field: the user's own e-mail choices, for notificationEmails (notifications.resolver.ts). */
  emailChoices: Record<string, string>;
}

@ObjectType({ description: 'What a member of staff holds that must not be left without an owner: deactivating them needs a successor while any count is above 0.' })
export class OpenWorkNode implements OpenWork {
  @Field(() => Int, { description: 'Open pathways they are in charge of, or the referent of.' }) pathways: number;
  @Field(() => Int, { description: 'Pending follow-up checkpoints of the pathways they are in charge of.' }) checkpoints: number;
  @Field(() => Int, { description: 'Diagnostic interviews they are to run.' }) appointments: number;
  @Field(() => Int, { description: 'Reports to them not yet acknowledged.' }) reports: number;
}

@ObjectType('AccountEvent', { description: 'One change of an account, in its audit: who, when, what (by name).' })
export class AccountEventNode {
  @Field(() => ID) id: string;
  @Field(() => AccountEventType) type: AccountEventType;
  @Field() at: Date;
  @Field(() => ID, { nullable: true, description: 'Who made it; null when made through a link (a reset, an invitation) or by the system.' }) byUserId: string | null;
  @Field(() => [String], { description: 'UPDATED: the properties changed, by name.' }) fields: string[];
  @Field(() => Role, { nullable: true, description: 'UPDATED: the former role, when it changed.' }) roleFrom: Role | null;
  @Field(() => ID, { nullable: true, description: 'DEACTIVATED: to whom the work was handed.' }) successorId: string | null;
  @Field(() => OpenWorkNode, { nullable: true, description: 'DEACTIVATED: what was handed over.' }) handedOver: OpenWorkNode | null;
  @Field(() => SignInMethodEnum, { nullable: true, description: 'SIGNED_IN, INVITATION_ACCEPTED: by password or through the identity provider.' }) via: SignInMethodEnum | null;
}

@ObjectType({ description: 'A referent to hand a pathway over to: name and organisation only.' })
export class ReferentSummary {
  @Field(() => ID) id: string;
  @Field() fullName: string;
  @Field() organisationName: string;
}

@ObjectType()
export class UserConnection extends Connection(UserNode, 'User') {}

@ObjectType()
export class OrganisationConnection extends Connection(OrganisationNode, 'Organisation') {}

@ObjectType({ description: 'The tokens of a session. Send the access token as "Authorization: Bearer …".' })
export class SessionTokens {
  @Field() accessToken: string;
  @Field() accessTokenExpiresAt: Date;
  @Field({ description: 'Single use: refreshSession answers a new one; using one twice ends the session.' })
  refreshToken: string;
  @Field() refreshTokenExpiresAt: Date;
}

@ObjectType()
export class SessionPayload extends Payload {
  @Field(() => SessionTokens, { nullable: true }) tokens?: SessionTokens;
}

@ObjectType()
export class LogoutPayload extends Payload {
  @Field({ nullable: true, description: 'True once the session (or every session) has ended.' }) loggedOut?: boolean;
}

@ObjectType()
export class UserPayload extends Payload {
  @Field(() => UserNode, { nullable: true }) user?: UserNode;
}

@ObjectType()
export class DeactivateUserPayload extends UserPayload {
  @Field(() => OpenWorkNode, { nullable: true, description: 'With HAS_OPEN_WORK: what the account holds, to hand to a successor.' }) openWork?: OpenWorkNode;
}

@ObjectType()
export class RequestPasswordResetPayload extends Payload {
  @Field({ nullable: true, description: 'Always true once the request is taken, whether an account has this address or not.' }) requested?: boolean;
}

@ObjectType()
export class ResetPasswordPayload extends Payload {
  @Field({ nullable: true, description: 'True once the password is set: sign in with it.' }) passwordSet?: boolean;
}

@ObjectType()
export class OrganisationPayload extends Payload {
  @Field(() => OrganisationNode, { nullable: true }) organisation?: OrganisationNode;
}

/** The bounds of a sign-in, through GraphQL's login or the console's POST /session. */
export const LOGIN_EMAIL_MAX = 254;
export const LOGIN_PASSWORD_MAX = 256;

@InputType()
export class LoginInput {
  @Text(LOGIN_EMAIL_MAX) @IsNotEmpty() email: string;
  @Text(LOGIN_PASSWORD_MAX) @IsNotEmpty() password: string;
}

@InputType()
export class RefreshSessionInput {
  @Text(200) @IsNotEmpty() refreshToken: string;
}

@InputType()
export class LogoutInput {
  @Field({ nullable: true, defaultValue: false, description: 'End every session of the user, not only this one.' })
  @IsOptional()
  everywhere?: boolean;
}

@InputType()
export class ChangePasswordInput {
  @Text(256) @IsNotEmpty() currentPassword: string;
  @Text(256) @IsNotEmpty() newPassword: string;
}

@InputType()
export class CreateOrganisationInput {
  @Text(200, { min: 2 }) name: string;
  @Field(() => OrganisationKind) @IsEnum(OrganisationKind) kind: OrganisationKind;
}

@InputType()
@InputType()
export class OrganisationContactInput {
  @Text(300, { nullable: true, description: 'The address where people are received.' }) @IsOptional() address?: string | null;
  @Text(30, { nullable: true }) @IsOptional() phone?: string | null;
  @Text(254, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
}

@InputType()
export class UpdateOrganisationInput {
  @Field(() => ID) @IsString() id: string;
  @Text(200, { min: 2 }) name: string;
  @Field(() => OrganisationContactInput, { nullable: true, description: "An OPERATOR's contact, shown in reports (all three parts replaced; CONTACT_FOR_OPERATORS for another kind)." })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationContactInput)
  contact?: OrganisationContactInput | null;
  @Field(() => Boolean, { nullable: true, description: "Its accounts (but ADMINs) sign in through the identity provider only: their passwords refused, no reset link sent (OIDC_OFF when none is set up). Omitted: unchanged." })
  @IsOptional()
  oidcRequired?: boolean | null;
}

@InputType()
export class UnlinkIdentityProviderInput {
  @Field(() => ID) @IsString() userId: string;
}

@ObjectType('ReminderDelay', { description: 'When the person is reminded of an appointment: days before it, at a time of day (Paris) or at the appointment\'s own time.' })
export class ReminderDelayNode {
  @Field(() => Int, { description: '0 (the day itself) to 14 calendar days before, in Paris.' }) daysBefore: number;
  @Field(() => String, { nullable: true, description: 'HH:MM, Paris, between 08:00 and 20:00; null: the appointment\'s own time of day.' }) time: string | null;
}

@InputType()
export class ReminderDelayInput {
  @Field(() => Int) @IsInt() daysBefore: number;
  @Text(5, { nullable: true, description: 'HH:MM between 08:00 and 20:00; leave it out for the appointment\'s own time (not on the day itself).' }) @IsOptional() time?: string | null;
}

@InputType()
export class SetReminderDelaysInput {
  @Field(() => [ReminderDelayInput], { description: 'At most 4; an empty list: no reminders.' })
  @ValidateNested({ each: true })
  @Type(() => ReminderDelayInput)
  reminders: ReminderDelayInput[];
}

@ObjectType()
export class ReminderDelaysPayload extends Payload {
  @Field(() => [ReminderDelayNode], { nullable: true }) reminders?: ReminderDelayNode[];
}

@InputType()
export class CreateUserInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Text(254) @IsEmail() email: string;
  @Text(200, { min: 1 }) fullName: string;
  @Text(256, { nullable: true, description: 'At least 12 characters mixing three kinds (lower, upper, digits, signs), not easy to guess. Omitted: the user gets an invitation e-mail to choose it (needs SMTP_URL).' })
  @IsOptional()
  initialPassword?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID) @IsString() userId: string;
  @Text(200, { min: 1, nullable: true }) @IsOptional() fullName?: string | null;
  @Text(254, { nullable: true, description: 'Unique without regard to case. A link sent to the former address stops working.' }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => Role, { nullable: true, description: "Within the organisation's kind; not your own." }) @IsOptional() @IsEnum(Role) role?: Role | null;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID) @IsString() userId: string;
  @Field(() => ID, { nullable: true, description: 'Who takes over what the account holds (its openWork): an active counsellor or manager of the same operator, or another referent.' })
  @IsOptional()
  @IsString()
  successorId?: string | null;
}

@InputType()
export class ReactivateUserInput {
  @Field(() => ID) @IsString() userId: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Text(LOGIN_EMAIL_MAX) @IsEmail() email: string;
}

@InputType()
export class ResetPasswordInput {
  @Text(200, { description: 'The token from the link of the e-mail (what follows # in it).' }) @IsNotEmpty() token: string;
  @Text(256) @IsNotEmpty() newPassword: string;
}

@InputType()
export class UsersFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() organisationId?: string;
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
  @Text(100, { nullable: true, description: 'Part of the name, without regard to accents or case.' })
  @IsOptional()
  search?: string;
}


export function toOrganisationNode(organisation: Organisation): OrganisationNode {
  return { id: organisation.id, name: organisation.name, kind: organisation.kind, createdAt: organisation.createdAt, oidcRequired: organisation.oidcRequired };
}

/** A user as the API answers them: from a view (reads), or from the entity a command changed. */
export function toUserNode(user: User | UserView): UserNode {
  const view = user instanceof User ? userView(user) : user;
  return {
    id: view.id,
    email: view.email,
    fullName: view.fullName,
    role: view.role,
    active: view.active,
    deactivatedAt: view.deactivatedAt,
    organisation: { ...view.organisation },
    reportEmails: deliveryOf({ role: view.role, notificationEmails: view.notificationEmails }, REPORT_SETTING) === NotificationDelivery.AT_ONCE,
    emailChoices: view.notificationEmails,
    invitationPending: !view.passwordSet && !view.oidcLinked,
    oidcLinked: view.oidcLinked,
    createdAt: view.createdAt,
  };
}

export function toAccountEventNode(event: AccountEvent): AccountEventNode {
  const detail = event.detail ?? {};
  return {
    id: String(event.id),
    type: event.type,
    at: event.at,
    byUserId: event.byUserId,
    fields: detail.fields ?? [],
    roleFrom: (detail.role?.from as Role | undefined) ?? null,
    successorId: detail.successorId ?? null,
    handedOver: (detail.handedOver as OpenWork | undefined) ?? null,
    via: (detail.via as SignInMethodEnum | undefined) ?? null,
  };
}

/** An operator's contact as the API answers it. */
export function toContactNode(organisation: Organisation): OrganisationContactNode {
  return { address: organisation.contactAddress, phone: organisation.contactPhone, email: organisation.contactEmail };
}
