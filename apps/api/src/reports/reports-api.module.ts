import { Module } from '@nestjs/common';
import { ReportsModule } from '@parcours/reports';
import { ReportsResolver } from './reports.resolver';

@Module({ imports: [ReportsModule], providers: [ReportsResolver] })
export class ReportsApiModule {}
