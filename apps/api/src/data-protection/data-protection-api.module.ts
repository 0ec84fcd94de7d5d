import { Module } from '@nestjs/common';
import { DataProtectionModule } from '@parcours/data-protection';
import { DataProtectionResolver } from './data-protection.resolver';

@Module({
  imports: [DataProtectionModule],
  providers: [DataProtectionResolver],
})
export class DataProtectionApiModule {}
