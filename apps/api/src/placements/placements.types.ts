import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ContractType, Qualification } from '@parcours/opportunities';
import { ExitReason, OutcomeCategory, PlacementEndReason, SixMonthsRule } from '@parcours/pathways';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { PartnerSummary } from '../opportunities/opportunities.types';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';
import { PathwayNode } from '../pathways/pathways.types';
import { AboutParticipant, NotPersonal, Personal, of } from '../audit/graphql-personal-data';

registerEnumType(PlacementEndReason, { name: 'PlacementEndReason', description: 'OTHER needs a comment; CONVERTED_TO_CDI starts the CDI with the same employer the next day.' });
registerEnumType(ExitReason, { name: 'ExitReason', description: 'OTHER needs a comment.' });
registerEnumType(OutcomeCategory, {
  name: 'OutcomeCategory',
  description: 'Computed at exit from the situation on the exit day, never typed in ("sorties dynamiques": the first three). See DOMAIN.md, "Outcome categories at exit".',
});
registerEnumType(SixMonthsRule, { name: 'SixMonthsRule', description: 'AT_LEAST: 6 months or more is durable (FSE+); MORE_THAN: more than 6 months (IAE circular).' });

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Placement', objectId: of(source, 'id') }))
@ObjectType('Placement', { description: 'A work placement: an employment contract or an entry into training, running until its end is recorded.' })
export class PlacementNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field(() => ContractType) contractType: ContractType;
  @Personal() @Field(() => PartnerSummary, { nullable: true }) employer: PartnerSummary | null;
  @Personal() @Field(() => PartnerSummary, { nullable: true }) tempAgency: PartnerSummary | null;
  @Personal() @Field(() => PartnerSummary, { nullable: true, description: "A temp agency's client." }) client: PartnerSummary | null;
  @Personal() @Field(() => PartnerSummary, { nullable: true }) trainingBody: PartnerSummary | null;
  @Personal() @Field(() => LocalDateScalar) startOn: string;
  @Personal() @Field(() => LocalDateScalar, { nullable: true }) plannedEndOn: string | null;
  @Personal() @Field(() => LocalDateScalar, { nullable: true, description: 'Null while it runs.' }) endedOn: string | null;
  @Personal() @Field(() => PlacementEndReason, { nullable: true }) endReason: PlacementEndReason | null;
  @Personal() @Field(() => String, { nullable: true, description: "The operator's staff and ADMIN only; null for anyone else." }) endComment: string | null;
  @Personal() @Field() running: boolean;
  @Personal() @Field(() => Int, { nullable: true }) hoursPerWeek: number | null;
  @Personal() @Field(() => Qualification, { nullable: true }) qualification: Qualification | null;
  @Personal() @Field(() => Int, { nullable: true }) level: number | null;
  @NotPersonal() @Field(() => ID, { nullable: true, description: 'The HIRED proposal it comes from.' }) proposalId: string | null;
  @Personal() @Field(() => Date, { nullable: true }) correctedAt: Date | null;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@ObjectType('OutcomeBasis', { description: 'What the category was decided on: a placement, a temp-mission chain (its span) or the situation declared at exit.' })
export class OutcomeBasisNode {
  @Field() source: string;
  @Field(() => ContractType) contractType: ContractType;
  @Field(() => LocalDateScalar) from: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The end measured (planned while it runs); null for a contract without end.' }) to: string | null;
}

@ObjectType('DeclaredSituation', { description: 'A situation found outside Parcours, declared at exit.' })
export class DeclaredSituationNode {
  @Field(() => ContractType) contractType: ContractType;
  @Field(() => LocalDateScalar) startOn: string;
  @Field(() => LocalDateScalar, { nullable: true }) plannedEndOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endedOn: string | null;
  @Field(() => Qualification, { nullable: true }) qualification: Qualification | null;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('Outcome', { description: 'An exited pathway\'s exit and the category computed from it, with the rule that produced it.' })
export class OutcomeNode {
  @Personal() @Field(() => OutcomeCategory) category: OutcomeCategory;
  @Personal() @Field(() => LocalDateScalar) exitedOn: string;
  @Personal() @Field(() => ExitReason) reason: ExitReason;
  @Personal() @Field(() => String, { nullable: true, description: "The operator's staff and ADMIN only; null for anyone else." }) comment: string | null;
  @Personal() @Field(() => OutcomeBasisNode, { nullable: true, description: 'Null when nothing was running nor declared (OTHER).' }) basis: OutcomeBasisNode | null;
  @NotPersonal() @Field(() => SixMonthsRule) sixMonthsRule: SixMonthsRule;
  @NotPersonal() @Field(() => Int) tempChainGapDays: number;
  @Personal() @Field(() => DeclaredSituationNode, { nullable: true }) declaredSituation: DeclaredSituationNode | null;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@ObjectType()
export class PlacementPayload extends Payload {
  @Field(() => PlacementNode, { nullable: true }) placement?: PlacementNode;
  @Field(() => PlacementNode, { nullable: true, description: 'endPlacement with CONVERTED_TO_CDI: the CDI it started.' }) convertedTo?: PlacementNode | null;
  @Field(() => PathwayNode, { nullable: true }) pathway?: PathwayNode;
}

@ObjectType()
export class ExitPayload extends Payload {
  @Field(() => PathwayNode, { nullable: true }) pathway?: PathwayNode;
  @Field(() => OutcomeNode, { nullable: true }) outcome?: OutcomeNode;
}

/** The terms shared by a placement, its correction and a declared situation. */
@InputType({ isAbstract: true })
export class ContractTermsInput {
  @Field(() => ContractType) @IsEnum(ContractType) contractType: ContractType;
  @Field(() => LocalDateScalar, { description: 'Not before the referral, at most 60 days ahead.' }) startOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Required or refused by the contract type (PLANNED_END_REQUIRED, PLANNED_END_NOT_ALLOWED).' }) @IsOptional() plannedEndOn?: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 48; required for a job.' }) @IsOptional() @IsInt() hoursPerWeek?: number | null;
  @Field(() => Qualification, { nullable: true, description: 'A training only (required).' }) @IsOptional() @IsEnum(Qualification) qualification?: Qualification | null;
  @Field(() => Int, { nullable: true, description: "A training's level, 3 to 8." }) @IsOptional() @IsInt() level?: number | null;
}

@InputType()
export class StartPlacementInput extends ContractTermsInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ID, { nullable: true, description: 'An EMPLOYER partner (or name a temp agency instead).' }) @IsOptional() @IsString() employerPartnerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A TEMP_AGENCY partner: required for TEMP_MISSION and CDI_INTERIM.' }) @IsOptional() @IsString() tempAgencyPartnerId?: string | null;
  @Field(() => ID, { nullable: true, description: "The temp agency's client, an EMPLOYER partner." }) @IsOptional() @IsString() clientPartnerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A TRAINING_BODY partner: required for TRAINING.' }) @IsOptional() @IsString() trainingBodyPartnerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The HIRED proposal of this pathway it comes from (each is used once).' }) @IsOptional() @IsString() proposalId?: string | null;
}

@InputType()
export class EndPlacementInput {
  @Field(() => ID) @IsString() placementId: string;
  @Field(() => LocalDateScalar, { description: 'On or after the start, not in the future.' }) endedOn: string;
  @Field(() => PlacementEndReason) @IsEnum(PlacementEndReason) reason: PlacementEndReason;
  @Text(2000, { nullable: true, description: "Staff's own words (required with OTHER); never in a report." }) @IsOptional() comment?: string | null;
}

@InputType()
export class CorrectPlacementInput extends ContractTermsInput {
  @Field(() => ID) @IsString() placementId: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'An ended placement: its corrected end (required). A running one: none.' }) @IsOptional() endedOn?: string | null;
}

@InputType()
export class DeclaredSituationInput {
  @Field(() => ContractType) @IsEnum(ContractType) contractType: ContractType;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Required (FIELD_REQUIRED otherwise).' }) @IsOptional() startOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Required or refused by the contract type.' }) @IsOptional() plannedEndOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'If it already ended.' }) @IsOptional() endedOn?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() hoursPerWeek?: number | null;
  @Field(() => Qualification, { nullable: true, description: 'A training only (required).' }) @IsOptional() @IsEnum(Qualification) qualification?: Qualification | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() level?: number | null;
}

@InputType()
export class ExitPathwayInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => LocalDateScalar, { description: 'Between the referral and today.' }) exitedOn: string;
  @Field(() => ExitReason) @IsEnum(ExitReason) reason: ExitReason;
  @Text(2000, { nullable: true, description: "Staff's own words (required with OTHER); never in a report." }) @IsOptional() comment?: string | null;
  @Field(() => DeclaredSituationInput, { nullable: true, description: 'What the person found outside Parcours: a contract with its dates, or a training with its qualification.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeclaredSituationInput)
  situation?: DeclaredSituationInput | null;

  @Field({ nullable: true, defaultValue: false, description: 'True: checks the exit as it would be made and answers its outcome (the category to show before confirming), writing nothing.' })
  @IsOptional()
  @IsBoolean()
  preview?: boolean;
}
