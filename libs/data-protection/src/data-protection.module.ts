import { Module } from '@nestjs/common';
import { DataProtectionService } from './data-protection.service';

@Module({ providers: [DataProtectionService], exports: [DataProtectionService] })
export class DataProtectionModule {}
