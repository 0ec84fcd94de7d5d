import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditPersonalData } from './audit-personal-data';
import { AuditWrites } from './audit-writes';
import { AuditService } from './audit.service';
import { PersonalDataPolicies } from './personal-data-policies';

@Global()
@Module({ imports: [DiscoveryModule], providers: [AuditPersonalData, AuditService, AuditWrites, PersonalDataPolicies], exports: [AuditService, AuditWrites, PersonalDataPolicies] })
export class AuditModule {}
