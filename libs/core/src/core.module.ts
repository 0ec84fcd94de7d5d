import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, StartedClock, SystemClock } from './clock';

@Global()
@Module({})
export class CoreModule {
  /** The system's clock, or one started at `clockStart` (CLOCK_START, rehearsals only). */
  static forRoot(clockStart?: Date): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: Clock, useValue: clockStart ? new StartedClock(clockStart) : new SystemClock() }],
      exports: [Clock],
    };
  }
}
