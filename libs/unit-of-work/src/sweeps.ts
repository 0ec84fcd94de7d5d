import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

/** What one sweep changed, counted by kind (`{ closed: 3 }`): zeros when it found nothing to do. */
export type SweepResult = Record<string, number>;

const SWEEP = DiscoveryService.createDecorator<string>();

/**
 * Marks a service's method as a sweep: idempotent background work the API process runs once
 * started (after the migrations) and then every SWEEP_INTERVAL_MINUTES, as SYSTEM, one process at a
 * time. It takes no argument and returns what it changed. Found at start: nothing lists the sweeps.
 */
export function Sweep(name: string) {
  return <M extends () => Promise<SweepResult>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    SWEEP(name)(target, key, descriptor);
  };
}

/** A sweep found at start: its name and how to run it. */
export interface FoundSweep {
  readonly name: string;
  run(): Promise<SweepResult>;
}

/** Every method marked `@Sweep(name)` of every provider, in the order the modules were registered. */
@Injectable()
export class Sweeps implements OnModuleInit {
  private found: FoundSweep[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const seen = new Set<object>();
    this.found = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const name = this.discovery.getMetadataByDecorator(SWEEP, wrapper, method);
        if (typeof name !== 'string') continue;
        if (this.found.some((sweep) => sweep.name === name)) throw new Error(`Two sweeps are named "${name}".`);
        this.found.push({ name, run: () => (instance[method] as () => Promise<SweepResult>).call(instance) });
      }
    }
  }

  all(): readonly FoundSweep[] {
    return this.found;
  }
}
