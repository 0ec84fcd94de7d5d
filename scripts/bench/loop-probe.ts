import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Loaded into a benchmarked server with `--require`: the event loop's delay, sampled every millisecond (each figure includes that millisecond)
 * (perf_hooks.monitorEventLoopDelay). On SIGUSR2 it writes what it saw since the last signal to
 * BENCH_LOOP_FILE (milliseconds) and starts again; with --expose-gc, also the heap in use after a
 * forced collection.
 */
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (nanoseconds: number) => Math.round(nanoseconds / 10_000) / 100;
  // With --expose-gc: the heap still in use once V8 has collected, to tell retained memory from headroom.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapMb = gc ? Math.round(process.memoryUsage().heapUsed / 1_048_576) : null;
  if (process.env.BENCH_LOOP_FILE) {
    writeFileSync(process.env.BENCH_LOOP_FILE, JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean), heapMb }));
  }
  histogram.reset();
});
