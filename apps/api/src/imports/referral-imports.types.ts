import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EducationLevel, RsaStatus } from '@parcours/participants';
import { FIELD_LABELS, ImportField, ImportStatus, LineVerdict, missingFields, REQUIRED_FIELDS, type ImportPreview, type JudgedLine, type ReferralImport, type ReferralImportLine } from '@parcours/imports';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';

registerEnumType(ImportField, { name: 'ImportField', description: "A referral's field a column of an imported file can fill." });
registerEnumType(ImportStatus, { name: 'ImportStatus', description: 'PREVIEW (nothing referred yet), IMPORTING, DONE, CANCELLED.' });
registerEnumType(LineVerdict, { name: 'ImportLineVerdict', description: "What became of a line: TO_REFER then REFERRED, ALREADY_IN_PATHWAY (anyone's open pathway), NOT_ELIGIBLE, IN_ERROR, DUPLICATE_IN_FILE." });

@ObjectType('ImportColumn', { description: 'A field and the column of the file that fills it.' })
export class ImportColumnNode {
  @Field(() => ImportField) field: ImportField;
  @Field({ description: 'In French, as the console says it.' }) label: string;
  @Field({ description: 'The referral cannot go without it (the commune: one of commune, INSEE code or postal code).' }) required: boolean;
  @Field(() => Int, { nullable: true, description: "The column's index (from 0) in the file, null when no column fills it." }) column: number | null;
}

@ObjectType('ImportChoices', { description: 'What the file does not say, chosen once for the whole import.' })
export class ImportChoicesNode {
  @Field(() => ID, { nullable: true }) operatorId: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the people were told how Parcours processes their data (the import waits for it).' }) informedOn: string | null;
  @Field(() => EducationLevel) educationLevel: EducationLevel;
  @Field(() => RsaStatus, { description: 'For a line that says nothing of the RSA.' }) rsaStatus: RsaStatus;
  @Field({ description: 'For a line without a France Travail identifier.' }) franceTravailRegistered: boolean;
  @Field(() => String, { nullable: true }) franceTravailMissingReason: string | null;
}

@ObjectType('ImportCounts')
export class ImportCountsNode {
  @Field(() => Int) total: number;
  @Field(() => Int) toRefer: number;
  @Field(() => Int) alreadyInPathway: number;
  @Field(() => Int) notEligible: number;
  @Field(() => Int) inError: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int, { description: 'Once imported: the lines referred.' }) referred: number;
}

@ObjectType('ImportProblem')
export class ImportProblemNode {
  @Field() code: string;
  @Field({ description: 'In French, naming the column.' }) message: string;
  @Field(() => ImportField, { nullable: true }) field: ImportField | null;
}

@ObjectType('ImportLine', { description: "A line of the file as judged: in a preview with the name as the file writes it (the uploader's own list); once imported, without it." })
export class ImportLineNode {
  @Field(() => Int, { description: "The line's number in the file (the headers are line 1)." }) line: number;
  @Field(() => LineVerdict) verdict: LineVerdict;
  @Field(() => String, { nullable: true, description: 'As the file writes it; null once imported (the pathway says who).' }) name: string | null;
  @Field(() => [ImportProblemNode]) problems: ImportProblemNode[];
  @Field({ description: 'Known to Parcours, every pathway of theirs closed: referred again ("déjà accompagné(e)").' }) knownBefore: boolean;
  @Field(() => ID, { nullable: true, description: "The pathway made, or the referent's own open pathway found; never another's." }) pathwayId: string | null;
}

@ObjectType('ReferralImport', { description: 'A file of people to refer, uploaded by a referent (or by an ADMIN for them); seen by its uploader and ADMIN only.' })
export class ReferralImportNode {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field() format: string;
  @Field(() => ImportStatus) status: ImportStatus;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) confirmedAt: Date | null;
  @Field(() => Date, { nullable: true }) endedAt: Date | null;
  @Field(() => ID) referentId: string;
  @Field() referentName: string;
  @Field(() => Int) lineCount: number;
  @Field(() => [String]) headers: string[];
  @Field(() => [ImportColumnNode]) columns: ImportColumnNode[];
  @Field(() => [ImportField], { description: 'The fields the mapping still lacks.' }) missingColumns: ImportField[];
  @Field(() => ImportChoicesNode) choices: ImportChoicesNode;
  @Field(() => ImportCountsNode, { nullable: true, description: 'Since confirmed: as judged then, and as the lines are done.' }) counts: ImportCountsNode | null;
  @Field(() => Int, { description: 'Lines done by the import so far (progress).' }) done: number;
}

@ObjectType('ImportPreview', { description: 'Every line judged exactly as referParticipant would; nothing written (each line matched to a known person is an audited lookup).' })
export class ImportPreviewNode {
  @Field(() => [ImportField]) missingColumns: ImportField[];
  @Field(() => [String], { description: 'The choices the import still waits for: operatorId, informedOn.' }) missingChoices: string[];
  @Field(() => ImportCountsNode) counts: ImportCountsNode;
  @Field(() => [ImportLineNode]) lines: ImportLineNode[];
}

@InputType()
export class ImportColumnInput {
  @Field(() => ImportField) @IsEnum(ImportField) field: ImportField;
  @Field(() => Int, { nullable: true, description: 'Null: no column fills it.' }) @IsOptional() @IsInt() @Min(0) column: number | null;
}

@InputType()
export class ImportChoicesInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() operatorId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() informedOn?: string | null;
  @Field(() => EducationLevel, { nullable: true }) @IsOptional() @IsEnum(EducationLevel) educationLevel?: EducationLevel;
  @Field(() => RsaStatus, { nullable: true }) @IsOptional() @IsEnum(RsaStatus) rsaStatus?: RsaStatus;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() franceTravailRegistered?: boolean;
  @Text(500, { nullable: true }) @IsOptional() franceTravailMissingReason?: string | null;
}

@InputType()
export class UpdateReferralImportInput {
  @Field(() => ID) @IsString() importId: string;
  @Field(() => [ImportColumnInput], { nullable: true }) @IsOptional() @ValidateNested({ each: true }) @Type(() => ImportColumnInput) columns?: ImportColumnInput[];
  @Field(() => ImportChoicesInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => ImportChoicesInput) choices?: ImportChoicesInput;
}

@InputType()
export class ReferralImportInput {
  @Field(() => ID) @IsString() importId: string;
}

@ObjectType()
export class ReferralImportPayload extends Payload {
  @Field(() => ReferralImportNode, { nullable: true }) referralImport?: ReferralImportNode;
}

export function toReferralImportNode(imported: ReferralImport, done: number): ReferralImportNode {
  const referent = imported.referent.getEntity();
  const counts = imported.counts;
  return {
    id: imported.id,
    fileName: imported.fileName,
    format: imported.format,
    status: imported.status,
    createdAt: imported.createdAt,
    confirmedAt: imported.confirmedAt,
    endedAt: imported.endedAt,
    referentId: referent.id,
    referentName: referent.fullName,
    lineCount: imported.lineCount,
    headers: imported.headers,
    columns: Object.values(ImportField).map((field) => ({ field, label: FIELD_LABELS[field], required: REQUIRED_FIELDS.includes(field) || field === ImportField.COMMUNE, column: imported.mapping[field] ?? null })),
    missingColumns: missingFields(imported.mapping),
    choices: imported.choices,
    counts: counts ? { total: imported.lineCount, ...counts } : null,
    done,
  };
}

export function toPreviewNode(preview: ImportPreview, lineCount: number): ImportPreviewNode {
  return {
    missingColumns: preview.missing,
    missingChoices: preview.missingChoices,
    counts: { total: lineCount, ...preview.counts },
    lines: preview.lines.map((line: JudgedLine) => ({ line: line.line, verdict: line.verdict, name: line.name, problems: line.problems.map((problem) => ({ code: problem.code, message: problem.message, field: problem.field })), knownBefore: line.knownBefore, pathwayId: line.pathwayId })),
  };
}

export function toRecordedLineNode(line: ReferralImportLine): ImportLineNode {
  return {
    line: line.line,
    verdict: line.verdict,
    name: null,
    problems: line.problems.map((problem) => ({ code: problem.code, message: problem.message, field: problem.field })),
    knownBefore: line.knownBefore,
    pathwayId: line.pathwayId,
  };
}
