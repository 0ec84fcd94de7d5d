import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ContractType } from '@parcours/opportunities';
import { OutcomeCategory, PathwayStatus } from '@parcours/pathways';
import { FIGURES, OutcomeDimension } from '@parcours/outcomes';
import { IsArray, IsEnum, IsOptional, IsString } from 'class-validator';
import { ConventionNode, OrganisationNameNode } from '../conventions/conventions.types';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Payload } from '../graphql/user-error';

registerEnumType(OutcomeDimension, { name: 'OutcomeDimension', description: "What the report is grouped by (two at most). A funder: one of MONTH, PRESCRIBER, COMMUNE, CONTRACT_TYPE over the whole convention; a month's figures in total." });

@ObjectType('Figure', { description: 'A figure: its value, or null with suppressed true when a funder may not see it (fewer than 5 distinct people, or a cell that would narrow one to fewer than 5 values, whatever answers are combined). Null and not suppressed: no figure here (a rate without a base, a count that depends on the whole period in a funder\'s month).' })
export class FigureNode {
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
}

/** Every figure of DOMAIN.md's definitions table, a field each, described where it is defined (libs/outcomes). */
@ObjectType('OutcomeFigures', { description: 'The figures of one row (or of the total). Counts are of distinct pathways (or appointments, proposals, placements, checkpoints, reports) unless said otherwise; rates are between 0 and 1; days are calendar days.' })
export class OutcomeFiguresNode {
  [name: string]: FigureNode;
}
for (const figure of FIGURES) Field(() => FigureNode, { description: figure.description })(OutcomeFiguresNode.prototype, figure.name);

@ObjectType('OutcomeRow', { description: 'One group of the report: the value of each dimension grouped by (null: not attributable, e.g. no counsellor yet), and its figures.' })
export class OutcomeRowNode {
  @Field(() => String, { nullable: true, description: 'YYYY-MM, the month of each figure\'s own date column.' }) month?: string | null;
  @Field(() => OrganisationNameNode, { nullable: true, description: "The referent's organisation at referral." }) prescriber?: OrganisationNameNode | null;
  @Field(() => OrganisationNameNode, { nullable: true, description: 'The pathway\'s referent (id and full name).' }) referent?: OrganisationNameNode | null;
  @Field(() => OrganisationNameNode, { nullable: true, description: 'The counsellor in charge (id and full name).' }) counsellor?: OrganisationNameNode | null;
  @Field(() => String, { nullable: true, description: 'INSEE code of the commune at referral.' }) communeCode?: string | null;
  @Field(() => ContractType, { nullable: true, description: "A placement's, an offer's, or an exit's basis." }) contractType?: ContractType | null;
  @Field(() => OutcomeFiguresNode) figures: OutcomeFiguresNode;
}

@ObjectType('OutcomeReport', { description: "The managers' and the funder's figures over a period or a convention (DOMAIN.md, \"Indicators\")." })
export class OutcomeReportNode {
  @Field(() => LocalDateScalar) from: string;
  @Field(() => LocalDateScalar) to: string;
  @Field(() => ConventionNode, { nullable: true }) convention: ConventionNode | null;
  @Field(() => [OutcomeDimension]) groupBy: OutcomeDimension[];
  @Field({ description: "True for a funder's view: small cells and those that would give them away are null." }) suppressionApplied: boolean;
  @Field(() => [OutcomeRowNode], { description: 'One row per group (none when not grouped).' }) rows: OutcomeRowNode[];
  @Field(() => OutcomeRowNode, { description: 'The whole period or convention.' }) total: OutcomeRowNode;
}

@InputType()
export class OutcomeReportInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day (a convention: its start by default). A funder: the 1st of a month of the convention, or nothing for the whole convention.' }) @IsOptional() from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day, included (a convention: its end by default). A funder: the last day of the same month.' }) @IsOptional() to?: string | null;
  @Field(() => ID, { nullable: true, description: "A convention the caller may see: its period and its operator. Required for a funder." }) @IsOptional() @IsString() conventionId?: string | null;
  @Field(() => [OutcomeDimension], { nullable: true, description: 'Up to two.' }) @IsOptional() @IsArray() @IsEnum(OutcomeDimension, { each: true }) groupBy?: OutcomeDimension[] | null;
}

@ObjectType('ExportLink', { description: 'A download address that works without the access token, once, for a few minutes, for its parameters only, while the session lasts.' })
export class ExportLinkNode {
  @Field({ description: 'The path to open on this server, its link included.' }) path: string;
  @Field() expiresAt: Date;
}

@ObjectType()
export class ExportLinkPayload extends Payload {
  @Field(() => ExportLinkNode, { nullable: true }) link?: ExportLinkNode;
}

@ObjectType('StatusCount')
export class StatusCountNode {
  @Field(() => PathwayStatus) status: PathwayStatus;
  @Field(() => Int) count: number;
}

@ObjectType('CategoryCount')
export class CategoryCountNode {
  @Field(() => OutcomeCategory) category: OutcomeCategory;
  @Field(() => Int) count: number;
}

@ObjectType('Caseload', { description: "What needs doing, counted. Each count equals the totalCount of the list that shows its items under the same filter (named in each description)." })
export class CaseloadNode {
  @Field(() => LocalDateScalar, { description: 'Monday of this week, in Paris.' }) weekFrom: string;
  @Field(() => LocalDateScalar, { description: 'Sunday of this week.' }) weekTo: string;
  @Field(() => [StatusCountNode], { description: 'Open pathways by status: pathways(filter: { statuses: [S], counsellorId }).' }) openByStatus: StatusCountNode[];
  @Field(() => Int, { description: 'Still REFERRED after REFERRAL_STALE_DAYS: pathways(filter: { waitingTooLong: true, counsellorId }).' }) waitingTooLong: number;
  @Field(() => Int, { description: 'Pathways with a diagnostic appointment whose time has passed without an outcome: pathways(filter: { need: APPOINTMENT_TO_UPDATE }).' }) appointmentsNeedingUpdate: number;
  @Field(() => Int, { description: 'Pathways with an appointment to come the person said, through their link, they cannot come to: pathways(filter: { need: PERSON_CANNOT_COME }).' }) appointmentsPersonCannotCome: number;
  @Field(() => Int, { description: 'Pathways with a diagnostic appointment (not cancelled) this week: pathways(filter: { need: APPOINTMENT_THIS_WEEK }).' }) appointmentsThisWeek: number;
  @Field(() => Int, { description: 'Checkpoints PENDING or MISSED due this week.' }) checkpointsThisWeek: number;
  @Field(() => Int, { description: 'MISSED checkpoints: followUpsDue(filter: { status: [MISSED] }).' }) checkpointsMissed: number;
  @Field(() => Int, { description: 'Pathways with a running placement past its planned end (to end or correct): pathways(filter: { need: PLACEMENT_PAST_PLANNED_END }).' }) placementsPastPlannedEnd: number;
  @Field(() => Int, { description: 'Pathways with a running contract whose planned end is within 15 days, today included: pathways(filter: { need: CONTRACT_ENDING_SOON }).' }) contractsEndingSoon: number;
  @Field(() => Int, { description: 'Pathways with an open proposal: pathways(filter: { need: PROPOSAL_OPEN }).' }) proposalsOpen: number;
  @Field(() => Int, { description: 'Pathways with a proposal the sweep marked STALE: pathways(filter: { need: PROPOSAL_STALE }).' }) proposalsStale: number;
  @Field(() => Int, { description: 'Reports past their due day, unacknowledged: referentReports(filter: { state: OVERDUE }).' }) reportsOverdue: number;
  @Field(() => [CategoryCountNode], { description: "This month's exits by outcome category." }) exitsThisMonth: CategoryCountNode[];
}
