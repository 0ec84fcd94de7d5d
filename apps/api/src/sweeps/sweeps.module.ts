import { Module } from '@nestjs/common';
import { SweepScheduler } from './sweep-scheduler';

/** The scheduled sweeps of the API process (SWEEP_INTERVAL_MINUTES): every `@Sweep()` the app's modules provide. */
@Module({ providers: [SweepScheduler] })
export class SweepsModule {}
