import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationKind } from '@parcours/accounts';
import { ClosedBecause, ContractType, OpportunityKind, OpportunityStatus, PartnerChangeKind, Qualification, type Opportunity, type Partner, type PartnerChange } from '@parcours/opportunities';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Connection } from '../graphql/connection';
import { RomeCode } from '../graphql/rome-code';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';

registerEnumType(OpportunityKind, { name: 'OpportunityKind' });
registerEnumType(OpportunityStatus, { name: 'OpportunityStatus', description: 'OPEN; CLOSED by staff or by the stale sweep; FILLED when HIRED proposals took every position.' });
registerEnumType(ClosedBecause, { name: 'ClosedBecause' });
registerEnumType(Qualification, { name: 'Qualification', description: 'What a training leads to: a qualification, a step towards one, or neither.' });
registerEnumType(PartnerChangeKind, { name: 'PartnerChangeKind' });

@ObjectType('PartnerContact', { description: "The person to call at a partner (that person's personal data)." })
export class PartnerContactNode {
  @Field() name: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
}

@ObjectType('PartnerChange', { description: 'One line of a partner\'s history: who changed which fields, when (never the values).' })
export class PartnerChangeNode {
  @Field(() => PartnerChangeKind) kind: PartnerChangeKind;
  @Field(() => [String]) fields: string[];
  @Field(() => ID, { nullable: true, description: 'Null for the retention sweep.' }) byUserId: string | null;
  @Field(() => String, { nullable: true }) byName: string | null;
  @Field() at: Date;
}

@ObjectType('Partner', { description: 'An employer, temp agency or training body of the network, shared by every operator.' })
export class PartnerNode {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'Its organisation.' }) organisationId: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field({ description: '14 digits.' }) siret: string;
  @Field({ description: 'INSEE code; outside the programme territory is allowed.' }) communeCode: string;
  @Field(() => PartnerContactNode, { nullable: true, description: 'Cleared after RETENTION_MONTHS without a change to the partner or its offers.' }) contact: PartnerContactNode | null;
  @Field(() => ID, { description: 'The operator whose managers may change it.' }) registeredByOperatorId: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

export function toPartnerNode(partner: Partner): PartnerNode {
  const organisation = partner.organisation.getEntity();
  return {
    id: partner.id,
    organisationId: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    siret: partner.siret,
    communeCode: partner.communeCode,
    contact: partner.contact,
    registeredByOperatorId: partner.registeredBy.id,
    createdAt: partner.createdAt,
    updatedAt: partner.updatedAt,
  };
}

export function toPartnerChangeNode(change: PartnerChange): PartnerChangeNode {
  return { kind: change.kind, fields: change.fields.split(',').filter(Boolean), byUserId: change.by?.id ?? null, byName: change.by?.getEntity().fullName ?? null, at: change.at };
}

@ObjectType()
export class PartnerConnection extends Connection(PartnerNode, 'Partner') {}

@ObjectType()
export class PartnerPayload extends Payload {
  @Field(() => PartnerNode, { nullable: true }) partner?: PartnerNode;
}

@InputType()
export class PartnerContactInput {
  @Text(200, { min: 1 }) name: string;
  @Text(30, { nullable: true }) @IsOptional() phone?: string | null;
  @Text(254, { nullable: true }) @IsOptional() email?: string | null;
}

@InputType()
export class PartnerFields {
  @Text(200, { min: 1 }) name: string;
  @Text(20, { description: '14 digits (spaces are dropped) passing the INSEE check.' }) siret: string;
  @Text(5, { description: 'INSEE code of the commune.' }) communeCode: string;
  @Field(() => PartnerContactInput, { nullable: true, description: 'A name, and a phone or an e-mail; null clears it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartnerContactInput)
  contact?: PartnerContactInput | null;
}

@InputType()
export class CreatePartnerInput extends PartnerFields {
  @Field(() => OrganisationKind, { description: 'EMPLOYER, TEMP_AGENCY or TRAINING_BODY.' }) @IsEnum(OrganisationKind) kind: OrganisationKind;
}

@InputType()
export class UpdatePartnerInput extends PartnerFields {
  @Field(() => ID) @IsString() partnerId: string;
}

@InputType()
export class PartnersFilter {
  @Field(() => OrganisationKind, { nullable: true }) @IsOptional() @IsEnum(OrganisationKind) kind?: OrganisationKind;
  @Text(100, { nullable: true, description: 'Part of the name or the SIRET.' }) @IsOptional() search?: string;
}

@ObjectType('PartnerSummary', { description: 'A partner as an offer names it.' })
export class PartnerSummary {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
}

@ObjectType('Opportunity', { description: "A job or a training of a partner, owned by one operator and seen by its staff." })
export class OpportunityNode {
  @Field(() => ID) id: string;
  @Field(() => OpportunityKind) kind: OpportunityKind;
  @Field(() => OpportunityStatus) status: OpportunityStatus;
  @Field(() => ClosedBecause, { nullable: true }) closedBecause: ClosedBecause | null;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'ROME code, as K2204.' }) romeCode: string | null;
  @Field(() => ContractType, { description: 'TRAINING for a training.' }) contractType: ContractType;
  @Field(() => PartnerSummary, { description: 'The employer, the temp agency or the training body.' }) partner: PartnerSummary;
  @Field(() => PartnerSummary, { nullable: true, description: "A temp agency's client." }) client: PartnerSummary | null;
  @Field(() => Int, { nullable: true }) hoursPerWeek: number | null;
  @Field() communeCode: string;
  @Field(() => LocalDateScalar) startOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: "A training's planned end." }) endOn: string | null;
  @Field(() => Int, { nullable: true, description: "A job's positions." }) positions: number | null;
  @Field(() => Int, { description: 'HIRED proposals so far.' }) hires: number;
  @Field(() => Qualification, { nullable: true }) qualification: Qualification | null;
  @Field(() => Int, { nullable: true, description: 'Level 3 to 8 of the national framework.' }) level: number | null;
  @Field() createdAt: Date;
  @Field({ description: 'The last change by staff: the stale sweep counts from it.' }) updatedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
}

function summary(partner: Partner): PartnerSummary {
  const organisation = partner.organisation.getEntity();
  return { id: partner.id, name: organisation.name, kind: organisation.kind };
}

/** The opportunity with its partners loaded. */
export function toOpportunityNode(opportunity: Opportunity): OpportunityNode {
  const { id, kind, status, closedBecause, title, romeCode, contractType, hoursPerWeek, communeCode, startOn, endOn, positions, hires, qualification, level, createdAt, updatedAt, closedAt } = opportunity;
  return {
    id, kind, status, closedBecause, title, romeCode, contractType, hoursPerWeek, communeCode, startOn, endOn, positions, hires, qualification, level, createdAt, updatedAt, closedAt,
    partner: summary(opportunity.partner.getEntity()),
    client: opportunity.client ? summary(opportunity.client.getEntity()) : null,
  };
}

@ObjectType()
export class OpportunityConnection extends Connection(OpportunityNode, 'Opportunity') {}

@ObjectType()
export class OpportunityPayload extends Payload {
  @Field(() => OpportunityNode, { nullable: true }) opportunity?: OpportunityNode;
}

/** The terms of a job or a training: the rules are the domain's (each broken one a userError naming its field). */
@InputType()
export class OpportunityTermsFields {
  @Field(() => ID, { description: 'The employer or temp agency of a job; the training body of a training.' }) @IsString() partnerId: string;
  @Field(() => ID, { nullable: true, description: "A temp agency's client (an employer partner)." }) @IsOptional() @IsString() clientPartnerId?: string | null;
  @Text(200, { min: 1 }) title: string;
  @RomeCode() romeCode?: string | null;
  @Field(() => ContractType, { nullable: true, description: 'A job: any but TRAINING and BUSINESS_CREATION. A training: none.' }) @IsOptional() @IsEnum(ContractType) contractType?: ContractType | null;
  @Field(() => Int, { nullable: true, description: 'A job: 1 to 48. A training: optional.' }) @IsOptional() @IsInt() hoursPerWeek?: number | null;
  @Text(5, { description: 'INSEE code of the commune where it takes place.' }) communeCode: string;
  @Field(() => LocalDateScalar) startOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: "A training's planned end (on or after its start)." }) @IsOptional() endOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'A job: at least 1.' }) @IsOptional() @IsInt() positions?: number | null;
  @Field(() => Qualification, { nullable: true, description: 'A training: required.' }) @IsOptional() @IsEnum(Qualification) qualification?: Qualification | null;
  @Field(() => Int, { nullable: true, description: 'A training: optional, 3 to 8.' }) @IsOptional() @IsInt() level?: number | null;
}

@InputType()
export class CreateOpportunityInput extends OpportunityTermsFields {
  @Field(() => OpportunityKind) @IsEnum(OpportunityKind) kind: OpportunityKind;
}

@InputType({ description: 'Replaces the terms of an open opportunity (its kind stays).' })
export class UpdateOpportunityInput extends OpportunityTermsFields {
  @Field(() => ID) @IsString() opportunityId: string;
}

@InputType()
export class CloseOpportunityInput {
  @Field(() => ID) @IsString() opportunityId: string;
}

@InputType()
export class OpportunitiesFilter {
  @Field(() => OpportunityKind, { nullable: true }) @IsOptional() @IsEnum(OpportunityKind) kind?: OpportunityKind;
  @Field(() => ContractType, { nullable: true }) @IsOptional() @IsEnum(ContractType) contractType?: ContractType;
  @Text(5, { nullable: true }) @IsOptional() communeCode?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: OPEN only; false: CLOSED and FILLED only.' }) @IsOptional() @IsBoolean() open?: boolean;
  @Text(100, { nullable: true, description: 'Part of the title.' }) @IsOptional() search?: string;
}
