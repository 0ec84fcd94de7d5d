import { Body, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AuditService, AuditAction } from '@parcours/audit';
import { ImportsError, ReferralImportsService } from '@parcours/imports';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../auth/access.decorators';

const { REFERENT, ADMIN } = Role;

/**
 * POST /imports/referrals?fileName=liste.csv[&referentId=…] with the file's bytes as the body
 * (any of the types browsers give a .csv or .xlsx; application/octet-stream always works) and the
 * bearer token: reads the file and keeps it as a preview for the referent (an ADMIN names the
 * referent). 201 { id, lineCount }; a file that cannot be taken is 400 with its code and a French
 * message naming the problem, nothing kept. The rest goes through GraphQL (referralImport…).
 */
@Controller('imports')
export class ReferralImportsController {
  constructor(
    private readonly imports: ReferralImportsService,
    private readonly audit: AuditService,
  ) {}

  @Roles(REFERENT, ADMIN)
  @Post('referrals')
  @HttpCode(201)
  async upload(@Body() body: unknown, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest & { actor: Actor }): Promise<{ id: string; lineCount: number }> {
    const bytes = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : null;
    if (!bytes) throw new ImportsError('FILE_NOT_SUPPORTED', 'Envoyez le fichier lui-même (un CSV ou un classeur .xlsx), sans autre enveloppe.');
    const fileName = typeof query.fileName === 'string' ? query.fileName : 'liste';
    const referentId = typeof query.referentId === 'string' ? query.referentId : null;
    const imported = await this.imports.upload(request.actor, { bytes, fileName, referentId });
    // The import's existence and who ran it, in the access log (its lines are nobody's record yet).
    await this.audit.recordExport(request.actor, String(request.id), 'POST /imports/referrals', 'ReferralImport', imported.id, [`lines=${imported.lineCount}`, `format=${imported.format}`], AuditAction.WRITE);
    return { id: imported.id, lineCount: imported.lineCount };
  }
}
