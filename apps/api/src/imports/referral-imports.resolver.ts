import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { ImportRunner, ImportStatus, LineVerdict, ReferralImportsService, type ImportField } from '@parcours/imports';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GraphqlContext } from '../graphql/graphql-context';
import { signedIn } from '../graphql/request-loaders';
import {
  ImportPreviewNode,
  ReferralImportInput,
  ReferralImportNode,
  ReferralImportPayload,
  toPreviewNode,
  toRecordedLineNode,
  toReferralImportNode,
  UpdateReferralImportInput,
} from './referral-imports.types';

const { REFERENT, ADMIN } = Role;

/**
 * Imports of referrals from a file (ReferralImportsService): the file is uploaded by
 * POST /imports/referrals (referral-imports.controller.ts), then read, matched, previewed,
 * confirmed or cancelled here. Only the uploader and ADMIN see an import: another's is NOT_FOUND.
 */
@Resolver(() => ReferralImportNode)
export class ReferralImportsResolver {
  constructor(
    private readonly imports: ReferralImportsService,
    private readonly runner: ImportRunner,
    private readonly config: AppConfig,
  ) {}

  @Roles(REFERENT, ADMIN)
  @Query(() => ReferralImportNode, { description: 'An import of the caller (ADMIN: anyone\'s); NOT_FOUND otherwise.' })
  async referralImport(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<ReferralImportNode> {
    return this.node(actor, id);
  }

  @Roles(REFERENT, ADMIN)
  @Query(() => [ReferralImportNode], { description: "The caller's imports (ADMIN: everyone's), the latest first." })
  async referralImports(@Args('first', { type: () => Int, nullable: true }) first: number | null, @CurrentActor() actor: Actor): Promise<ReferralImportNode[]> {
    const found = await this.imports.list(actor, first ?? 20);
    return found.map((imported) => toReferralImportNode(imported, 0));
  }

  @ResolveField(() => ImportPreviewNode, {
    description:
      'While PREVIEW: every line judged now, exactly as referParticipant would (nothing written; each line matched to a known person is an audited lookup). Once confirmed: the lines as recorded and as the import did them. Filter by verdict.',
  })
  async preview(@Parent() node: ReferralImportNode, @Args('verdict', { type: () => LineVerdict, nullable: true }) verdict: LineVerdict | null, @Context() context: GraphqlContext): Promise<ImportPreviewNode> {
    const actor = signedIn(context);
    let preview: ImportPreviewNode;
    if (node.status === ImportStatus.PREVIEW) preview = toPreviewNode(await this.imports.preview(actor, node.id, String(context.req.id)), node.lineCount);
    else {
      const lines = await this.imports.lines(actor, node.id);
      preview = { missingColumns: [], missingChoices: [], counts: node.counts ?? { total: node.lineCount, toRefer: 0, alreadyInPathway: 0, notEligible: 0, inError: 0, duplicates: 0, referred: 0 }, lines: lines.map(toRecordedLineNode) };
    }
    return verdict ? { ...preview, lines: preview.lines.filter((line) => line.verdict === verdict) } : preview;
  }

  @ResolveField(() => String, { nullable: true, description: 'Once the import is DONE: its result line by line as a CSV file (";", French headers, cells neutralised): line, verdict, problems, the link of the pathway when it is the referent\'s.' })
  async resultCsv(@Parent() node: ReferralImportNode, @Context() context: GraphqlContext): Promise<string | null> {
    if (node.status !== ImportStatus.DONE) return null;
    return this.imports.resultCsv(signedIn(context), node.id, this.config.mail.publicUrl ?? null);
  }

  @Roles(REFERENT, ADMIN)
  @Mutation(() => ReferralImportPayload, { description: 'Changes which column fills which field (remembered for the referent\'s organisation) and the choices made once for the import. PREVIEW only (IMPORT_NOT_OPEN); INVALID_MAPPING, INVALID_IMPORT_CHOICE.' })
  async updateReferralImport(@Args('input') input: UpdateReferralImportInput, @CurrentActor() actor: Actor): Promise<Partial<ReferralImportPayload>> {
    const mapping = input.columns ? (Object.fromEntries(input.columns.map((column) => [column.field, column.column ?? null])) as Partial<Record<ImportField, number | null>>) : null;
    await this.imports.update(actor, input.importId, { mapping, choices: input.choices ?? null });
    return { referralImport: await this.node(actor, input.importId) };
  }

  @Roles(REFERENT, ADMIN)
  @Mutation(() => ReferralImportPayload, { description: 'Refers the lines TO_REFER (each its own referral, as the form makes it; the operator\'s managers told once) and leaves one refused-referral trace per NOT_ELIGIBLE line; progress in referralImport.done. MISSING_COLUMN, INVALID_IMPORT_CHOICE, IMPORT_NOT_OPEN.' })
  async confirmReferralImport(@Args('input') input: ReferralImportInput, @CurrentActor() actor: Actor, @Context() context: GraphqlContext): Promise<Partial<ReferralImportPayload>> {
    const confirmed = await this.imports.confirm(actor, input.importId, String(context.req.id));
    this.runner.start(confirmed.id);
    return { referralImport: await this.node(actor, confirmed.id) };
  }

  @Roles(REFERENT, ADMIN)
  @Mutation(() => ReferralImportPayload, { description: 'Cancels a preview: the file is dropped at once, nothing was referred. IMPORT_NOT_OPEN once confirmed.' })
  async cancelReferralImport(@Args('input') input: ReferralImportInput, @CurrentActor() actor: Actor): Promise<Partial<ReferralImportPayload>> {
    await this.imports.cancel(actor, input.importId);
    return { referralImport: await this.node(actor, input.importId) };
  }

  private async node(actor: Actor, id: string): Promise<ReferralImportNode> {
    const imported = await this.imports.find(actor, id);
    return toReferralImportNode(imported, await this.imports.doneCount(actor, imported.id));
  }
}
