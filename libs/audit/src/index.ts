export * from './audit-context';
export * from './audit-entry.entity';
export * from './audit-writes.subscriber';
export * from './audit.module';
export * from './audit.service';
export * from './personal-data';
