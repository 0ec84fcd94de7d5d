export * from './audit-entry.entity';
export * from './audit-writes';
export * from './audit.module';
export * from './audit.service';
export * from './personal-data-policies';
export * from './personal-data-policy';
export * from './entities';
