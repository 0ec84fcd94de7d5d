import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationKind, Role, type Organisation, type User } from '@parcours/accounts';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import { Connection } from '../graphql/connection';
import { Payload } from '../graphql/user-error';
import { Text } from '../graphql/text-field';

registerEnumType(Role, { name: 'Role', description: 'A user has one role, which must fit their organisation kind.' });
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

@ObjectType('Organisation')
export class OrganisationNode {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field() createdAt: Date;
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
  @Field({ description: 'A REFERENT: whether each new report also comes as an e-mail (on by default; updateMyNotificationSettings).' }) reportEmails: boolean;
  @Field() createdAt: Date;
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
export class UpdateOrganisationInput {
  @Field(() => ID) @IsString() id: string;
  @Text(200, { min: 2 }) name: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Text(254) @IsEmail() email: string;
  @Text(200, { min: 1 }) fullName: string;
  @Text(256, { description: 'At least 12 characters mixing three kinds (lower, upper, digits, signs), not easy to guess.' })
  initialPassword: string;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID) @IsString() userId: string;
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
  return { id: organisation.id, name: organisation.name, kind: organisation.kind, createdAt: organisation.createdAt };
}

export function toUserNode(user: User): UserNode {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    active: user.active,
    deactivatedAt: user.deactivatedAt,
    organisation: toOrganisationNode(user.organisation.getEntity()),
    reportEmails: user.reportEmails,
    createdAt: user.createdAt,
  };
}
