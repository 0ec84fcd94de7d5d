export * from './clock';
export * from './dates';
export * from './domain-error';
export * from './core.module';
export * from './text';
export * from './group-commit';
