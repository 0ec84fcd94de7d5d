import { BadRequestException, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AuditService } from '@parcours/audit';
import { OutcomeReportService } from '@parcours/outcomes';
import { Territory } from '@parcours/territory';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OpenedByLink, Roles } from '../auth/access.decorators';
import { OUTCOMES_CSV_LINK, outcomesCsv, parseExportQuery } from './outcomes-export';

const { ADMIN, MANAGER, FUNDER } = Role;

/**
 * GET /exports/outcomes.csv?from&to&conventionId&groupBy=MONTH,PRESCRIBER: the outcome report under
 * the same rules as the query, as a file. With the bearer token, or a link from
 * createOutcomeExportLink (a browser download). Every export is in the access log.
 */
@Controller('exports')
export class OutcomesExportController {
  constructor(
    private readonly reports: OutcomeReportService,
    private readonly audit: AuditService,
    private readonly territory: Territory,
  ) {}

  @Roles(ADMIN, MANAGER, FUNDER)
  @OpenedByLink(OUTCOMES_CSV_LINK)
  @Get('outcomes.csv')
  async outcomes(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest & { actor: Actor }, @Res() reply: FastifyReply): Promise<void> {
    const input = parseExportQuery(query);
    if (!input) throw new BadRequestException({ statusCode: 400, code: 'BAD_USER_INPUT', message: 'from and to are days written YYYY-MM-DD; groupBy lists up to two of MONTH, PRESCRIBER, REFERENT, COUNSELLOR, COMMUNE, CONTRACT_TYPE.' });
    const actor = request.actor;
    const report = await this.reports.report(actor, input);
    await this.audit.recordExport(actor, String(request.id), 'GET /exports/outcomes.csv', 'OutcomeReport', report.convention?.id ?? `${report.from}/${report.to}`, report.groupBy);
    const file = `parcours-resultats-${report.from}-${report.to}.csv`;
    await reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store').send(outcomesCsv(report, this.territory));
  }
}
