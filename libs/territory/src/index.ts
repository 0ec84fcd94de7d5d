export * from './communes';
export * from './territory';
export * from './territory.module';
