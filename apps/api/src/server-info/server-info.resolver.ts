import { Field, Int, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { AppConfig } from '@parcours/config';
import { Clock, parisDay } from '@parcours/core';
import { DatabaseMigrations } from '@parcours/db';
import { Public } from '../auth/access.decorators';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { PACKAGE_VERSION } from '../project';

export enum DatabaseDriver {
  SQLITE = 'sqlite',
  POSTGRESQL = 'postgresql',
}
registerEnumType(DatabaseDriver, { name: 'DatabaseDriver' });

@ObjectType({ description: 'What is running: proves the chain from HTTP to the database.' })
export class ServerInfo {
  @Field() version: string;
  @Field(() => DatabaseDriver) databaseDriver: DatabaseDriver;
  @Field(() => Int, { description: 'How many migrations have been applied to this database.' })
  migrationsApplied: number;
  @Field(() => String, { nullable: true, description: 'Name of the last migration applied.' })
  latestMigration: string | null;
  @Field({ description: 'The server clock.' }) now: Date;
  @Field(() => LocalDateScalar, { description: 'The calendar day in Europe/Paris.' }) today: string;
}

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(
    private readonly config: AppConfig,
    private readonly migrations: DatabaseMigrations,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Query(() => ServerInfo, { description: 'Public: the version, the database driver and the migrations applied.' })
  async serverInfo(): Promise<ServerInfo> {
    const { applied } = await this.migrations.status();
    const now = this.clock.now();
    return {
      version: PACKAGE_VERSION,
      databaseDriver: this.config.database.driver === 'sqlite' ? DatabaseDriver.SQLITE : DatabaseDriver.POSTGRESQL,
      migrationsApplied: applied.length,
      latestMigration: applied.at(-1) ?? null,
      now,
      today: parisDay(now),
    };
  }
}
