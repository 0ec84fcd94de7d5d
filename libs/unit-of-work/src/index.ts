export * from './audit-scope';
export * from './cursor';
export * from './flush-pipeline';
export * from './unit-of-work';
export * from './unit-of-work.module';
export * from './scoped-reads';
