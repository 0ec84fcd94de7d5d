import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@parcours/audit';
import { AppConfig, ConfigModule } from '@parcours/config';
import { CoreModule } from '@parcours/core';
import { DatabaseModule } from '@parcours/db';
import { LoggingModule } from '@parcours/lifecycle';
import { NotificationsModule } from '@parcours/notifications';
import { UnitOfWorkModule } from '@parcours/unit-of-work';

/** The relay process: the database, the unit of work (with its flush pipeline and audit), the outbox. No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), CoreModule.forRoot(config.clockStart), LoggingModule, DatabaseModule.forRoot(config.database), AuditModule, UnitOfWorkModule, NotificationsModule],
    };
  }
}
