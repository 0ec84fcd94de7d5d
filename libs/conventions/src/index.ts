export * from './convention-terms';
export * from './convention.entity';
export * from './conventions-error';
export * from './conventions-personal-data';
export * from './conventions.module';
export * from './conventions.service';
export * from './entities';
