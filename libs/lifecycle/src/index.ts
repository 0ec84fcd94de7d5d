export * from './lifecycle';
export * from './logging.module';
export * from './safe-error';
