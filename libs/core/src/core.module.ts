import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, StartedClock, SystemClock } from './clock';

@Global()
@Module({})
export class CoreModule {
  /** The system's clock, one started at `clockStart` (CLOCK_START, rehearsals only), or a clock of the caller's (the demo generator's). */
  static forRoot(clock?: Date | Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: Clock, useValue: clock instanceof Clock ? clock : clock ? new StartedClock(clock) : new SystemClock() }],
      exports: [Clock],
    };
  }
}
