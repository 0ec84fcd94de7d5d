import { Args, Context, Field, ID, InputType, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, UsersService, type Actor } from '@parcours/accounts';
import { AuditService, type AuditEntry } from '@parcours/audit';
import { DataProtectionService } from '@parcours/data-protection';
import { ParticipantsService } from '@parcours/pathways';
import { AboutParticipant, NotPersonal, of, Personal } from '../audit/graphql-personal-data';
import type { GraphqlContext } from '../graphql/graphql-context';
import { requestLoader, signedIn } from '../graphql/request-loaders';
import { IsOptional, IsString } from 'class-validator';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Connection, ConnectionArgs, toConnection } from '../graphql/connection';
import { JsonObjectScalar } from '../graphql/scalars/json-object.scalar';
import { Payload } from '../graphql/user-error';
import { Text } from '../graphql/text-field';

@ObjectType('AuditEntry', { description: 'One access to a person\'s data: who, what (fields by name), when. Never the data.' })
export class AuditEntryNode {
  @Field(() => Int) id: number;
  @Field() at: Date;
  @Field(() => ID, { nullable: true }) userId: string | null;
  @Field() role: string;
  @Field(() => ID, { nullable: true }) organisationId: string | null;
  @Field(() => String, { nullable: true }) requestId: string | null;
  @Field() operation: string;
  @Field({ description: 'READ, WRITE, EXPORT, ERASE or ANONYMISE; SIGN_IN and SIGN_OUT for a session (objectType Session, about no person).' }) action: string;
  @Field(() => ID, { nullable: true, description: 'Null for an export of aggregate figures, which is about nobody.' }) participantId: string | null;
  @Field() objectType: string;
  @Field(() => ID) objectId: string;
  @Field(() => [String]) fields: string[];
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType('AuditAccount', { description: 'The account that acted, by name (a staff account: not a participant\'s data).' })
export class AuditAccountNode {
  @Field(() => ID) id: string;
  @Field() fullName: string;
}

@AboutParticipant((source) => ({ participantId: of(source, 'id'), objectType: 'Participant', objectId: of(source, 'id') }))
@ObjectType('AuditSubject', { description: 'The person an entry is about, named for the administrator; reading the name is itself audited, once per person per page.' })
export class AuditSubjectNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field(() => String, { nullable: true, description: 'First names and name; null once anonymised.' }) name: string | null;
  @NotPersonal() @Field({ description: 'The identity was erased (on request or after the retention period).' }) anonymised: boolean;
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntryNode, 'AuditEntry') {}

@InputType()
export class AuditLogFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() participantId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() userId?: string;
  @Field({ nullable: true, description: 'From this instant (included).' }) @IsOptional() from?: Date;
  @Field({ nullable: true, description: 'Until this instant (excluded).' }) @IsOptional() to?: Date;
}

@InputType()
export class EraseParticipantInput {
  @Field(() => ID) @IsString() participantId: string;
  @Text(500, { min: 3, description: 'Why (the request of the person, a decision…); kept in the audit log.' }) reason: string;
}

@ObjectType()
export class ErasePayload extends Payload {
  @Field({ nullable: true }) erased?: boolean;
}

/** Who and whom an entry names, for a log an administrator reads in words: one statement per page for each. */
@Resolver(() => AuditEntryNode)
export class AuditEntryResolver {
  constructor(
    private readonly users: UsersService,
    private readonly participants: ParticipantsService,
  ) {}

  @ResolveField(() => AuditAccountNode, { nullable: true, description: 'The account that acted; null for the system (sweeps, retention).' })
  async user(@Parent() entry: AuditEntryNode, @Context() context: GraphqlContext): Promise<AuditAccountNode | null> {
    if (!entry.userId) return null;
    const fullName = await requestLoader(context, 'audit-users', (ids) => this.users.names(signedIn(context), ids)).load(entry.userId);
    return fullName === null ? null : { id: entry.userId, fullName };
  }

  @ResolveField(() => AuditSubjectNode, { nullable: true, description: 'The person the entry is about; null for aggregate figures.' })
  async participant(@Parent() entry: AuditEntryNode, @Context() context: GraphqlContext): Promise<AuditSubjectNode | null> {
    if (!entry.participantId) return null;
    const found = await requestLoader(context, 'audit-participants', (ids) => this.participants.names(signedIn(context), ids)).load(entry.participantId);
    if (!found) return null;
    return { id: entry.participantId, name: found.anonymisedAt ? null : `${found.firstNames} ${found.lastName}`, anonymised: found.anonymisedAt !== null };
  }
}

@Resolver()
export class DataProtectionResolver {
  constructor(
    private readonly dataProtection: DataProtectionService,
    private readonly audit: AuditService,
  ) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: 'The access log, newest first: by participant, by user, by period.' })
  async auditLog(@Args() page: ConnectionArgs, @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter?: AuditLogFilter): Promise<AuditEntryConnection> {
    return toConnection(await this.audit.list(filter ?? {}, page), toAuditNode);
  }

  @Roles(Role.ADMIN, Role.MANAGER)
  @Query(() => JsonObjectScalar, { description: "Right of access: everything Parcours holds about the person, as one JSON document (a MANAGER: their operator's pathways only)." })
  async exportParticipantData(@Args('participantId', { type: () => ID }) participantId: string, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.dataProtection.export(actor, participantId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ErasePayload, { description: 'Erases the identity of a person whose pathways are all closed; the figures keep what they need.' })
  async eraseParticipant(@Args('input') input: EraseParticipantInput, @CurrentActor() actor: Actor): Promise<Partial<ErasePayload>> {
    await this.dataProtection.erase(actor, input.participantId, input.reason.trim());
    return { erased: true };
  }
}

function toAuditNode(entry: AuditEntry): AuditEntryNode {
  return { ...entry, fields: entry.fields.split(',').filter(Boolean) };
}
