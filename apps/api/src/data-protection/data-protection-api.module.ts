import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { DataProtectionModule } from '@parcours/data-protection';
import { PathwaysModule } from '@parcours/pathways';
import { AuditEntryResolver, DataProtectionResolver } from './data-protection.resolver';

@Module({
  imports: [DataProtectionModule, AccountsModule, PathwaysModule],
  providers: [DataProtectionResolver, AuditEntryResolver],
})
export class DataProtectionApiModule {}
