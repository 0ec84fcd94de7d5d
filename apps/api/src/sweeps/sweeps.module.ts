import { Module } from '@nestjs/common';
import { DataProtectionModule } from '@parcours/data-protection';
import { NotificationsModule } from '@parcours/notifications';
import { OpportunitiesModule } from '@parcours/opportunities';
import { PathwaysModule } from '@parcours/pathways';
import { SweepScheduler } from './sweep-scheduler';

/** The scheduled sweeps of the API process (SWEEP_INTERVAL_MINUTES). */
@Module({
  imports: [DataProtectionModule, NotificationsModule, OpportunitiesModule, PathwaysModule],
  providers: [SweepScheduler],
})
export class SweepsModule {}
