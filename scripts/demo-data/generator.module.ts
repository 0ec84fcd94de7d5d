import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { AuditModule } from '@parcours/audit';
import { AppConfig, ConfigModule } from '@parcours/config';
import { Clock, CoreModule } from '@parcours/core';
import { ConventionsModule } from '@parcours/conventions';
import { DataProtectionModule } from '@parcours/data-protection';
import { DatabaseModule } from '@parcours/db';
import { NotificationsModule, StaffNotificationsModule } from '@parcours/notifications';
import { OpportunitiesModule } from '@parcours/opportunities';
import { OutcomesModule } from '@parcours/outcomes';
import { PathwaysModule } from '@parcours/pathways';
import { ReportsModule } from '@parcours/reports';
import { UnitOfWorkModule } from '@parcours/unit-of-work';
import { LoggingModule } from '@parcours/lifecycle';

/**
 * The domain without the API: the same libraries, flush pipeline (reports, staff notifications, outbox, outcome model, audit) and
 * migrations as the server, on the generator's clock.
 */
@Module({})
export class GeneratorModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: GeneratorModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule.forRoot(clock),
        LoggingModule,
        DatabaseModule.forRoot(config.database),
        AuditModule,
        UnitOfWorkModule,
        AccountsModule,
        PathwaysModule,
        OpportunitiesModule,
        ConventionsModule,
        ReportsModule,
        NotificationsModule,
        StaffNotificationsModule,
        DataProtectionModule,
        OutcomesModule,
      ],
    };
  }
}
