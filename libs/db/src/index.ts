export * from './database-migrations';
export * from './database.module';
export * from './entities';
export * from './orm-options';
export * from './migrations';
export * from './sqlite-writers';
export * from './sqlite-backup';
export * from './database-locks';
