import { Global, Module } from '@nestjs/common';
import { AuditWritesSubscriber } from './audit-writes.subscriber';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditWritesSubscriber], exports: [AuditService] })
export class AuditModule {}
