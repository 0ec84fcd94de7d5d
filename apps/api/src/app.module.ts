import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@parcours/config';
import { CoreModule } from '@parcours/core';
import { AuditModule } from '@parcours/audit';
import { DatabaseModule } from '@parcours/db';
import { LoggingModule } from '@parcours/lifecycle';
import { UnitOfWorkModule } from '@parcours/unit-of-work';
import { AccountsApiModule } from './accounts/accounts-api.module';
import { ApiGraphqlModule } from './graphql/api-graphql.module';
import { HealthModule } from './health/health.module';
import { ImportsApiModule } from './imports/imports-api.module';
import { DataProtectionApiModule } from './data-protection/data-protection-api.module';
import { InterviewsApiModule } from './interviews/interviews-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { OpportunitiesApiModule } from './opportunities/opportunities-api.module';
import { ProposalsApiModule } from './proposals/proposals-api.module';
import { PlacementsApiModule } from './placements/placements-api.module';
import { FollowUpsApiModule } from './follow-ups/follow-ups-api.module';
import { ConventionsApiModule } from './conventions/conventions-api.module';
import { OutcomesApiModule } from './outcomes/outcomes-api.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { PathwaysApiModule } from './pathways/pathways-api.module';
import { ServerInfoModule } from './server-info/server-info.module';
import { SweepsModule } from './sweeps/sweeps.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule.forRoot(config.clockStart),
        LoggingModule,
        DatabaseModule.forRoot(config.database),
        AuditModule,
        UnitOfWorkModule,
        ApiGraphqlModule,
        AccountsApiModule,
        PathwaysApiModule,
        InterviewsApiModule,
        OpportunitiesApiModule,
        ProposalsApiModule,
        PlacementsApiModule,
        FollowUpsApiModule,
        ConventionsApiModule,
        OutcomesApiModule,
        ReportsApiModule,
        DataProtectionApiModule,
        NotificationsApiModule,
        ImportsApiModule,
        SweepsModule,
        HealthModule,
        ServerInfoModule,
      ],
    };
  }
}
