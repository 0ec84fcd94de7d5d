import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { DatabaseConfig } from '@parcours/config';
import { DatabaseLocks } from './database-locks';
import { DatabaseMigrations } from './database-migrations';
import { SqliteWriters } from './sqlite-writers';
import { ormOptions } from './orm-options';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(database), registerRequestContext: false })],
      providers: [DatabaseMigrations, DatabaseLocks, SqliteWriters],
      exports: [DatabaseMigrations, DatabaseLocks],
    };
  }
}
