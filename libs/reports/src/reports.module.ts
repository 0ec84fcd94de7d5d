import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { ReportBus } from './report-bus';
import { ReportComposer } from './report-composer';
import { ReportsService } from './reports.service';

@Module({
  imports: [AccountsModule],
  providers: [ReportBus, ReportComposer, ReportsService],
  exports: [ReportBus, ReportsService],
})
export class ReportsModule {}
