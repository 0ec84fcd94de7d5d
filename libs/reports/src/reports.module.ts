import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { ReportBus } from './report-bus';
import { ReportComposer } from './report-composer';
import { ReportsService } from './reports.service';
import { ReportsPersonalData } from './reports-personal-data';
import { ReportsWork } from './reports-work';

@Module({
  imports: [AccountsModule],
  providers: [ReportsPersonalData, ReportsWork, ReportBus, ReportComposer, ReportsService],
  exports: [ReportBus, ReportsService],
})
export class ReportsModule {}
