import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { ReportBus } from './report-bus';
import { ReportComposer } from './report-composer';
import { ReportsService } from './reports.service';
import { ReportsPersonalData } from './reports-personal-data';

@Module({
  imports: [AccountsModule],
  providers: [ReportsPersonalData, ReportBus, ReportComposer, ReportsService],
  exports: [ReportBus, ReportsService],
})
export class ReportsModule {}
