import { Module } from '@nestjs/common';
import { CaseloadService } from './caseload.service';
import { OutcomeReportService } from './outcome-report.service';

@Module({ providers: [OutcomeReportService, CaseloadService], exports: [OutcomeReportService, CaseloadService] })
export class OutcomesModule {}
