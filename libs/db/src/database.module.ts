import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { DatabaseConfig } from '@parcours/config';
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
      providers: [DatabaseMigrations, SqliteWriters],
      exports: [DatabaseMigrations],
    };
  }
}
