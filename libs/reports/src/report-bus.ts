import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { LiveChannel, stringFields } from '@parcours/core';

export interface IssuedReport {
  reportId: string;
  referentId: string;
  pathwayId: string;
}

/**
 * Reports issued, announced after their transaction commits (LiveChannel): each subscriber
 * re-reads the report through its own scope and re-checks the session (ReportsService.deliverable).
 * A report lost in the push stays in the inbox, and the e-mail.
 */
@Injectable()
export class ReportBus extends LiveChannel<IssuedReport> {
  constructor(config: AppConfig) {
    super(config.database, 'parcours_reports_issued', (value) => stringFields(value, ['reportId', 'referentId', 'pathwayId']));
  }
}
