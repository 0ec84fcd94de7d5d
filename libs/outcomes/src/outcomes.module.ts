import { Module } from '@nestjs/common';
import { OutcomeReportService } from './outcome-report.service';

@Module({ providers: [OutcomeReportService], exports: [OutcomeReportService] })
export class OutcomesModule {}
