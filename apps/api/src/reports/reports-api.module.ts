import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { PathwaysModule } from '@parcours/pathways';
import { ReportsModule } from '@parcours/reports';
import { ReportContactsResolver, ReportsResolver } from './reports.resolver';

@Module({ imports: [ReportsModule, PathwaysModule, AccountsModule], providers: [ReportsResolver, ReportContactsResolver] })
export class ReportsApiModule {}
