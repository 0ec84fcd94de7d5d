import { Module } from '@nestjs/common';
import { DataProtectionModule } from '@parcours/data-protection';
import { SweepScheduler } from '../sweeps/sweep-scheduler';
import { DataProtectionResolver } from './data-protection.resolver';

@Module({
  imports: [DataProtectionModule],
  providers: [DataProtectionResolver, SweepScheduler],
})
export class DataProtectionApiModule {}
