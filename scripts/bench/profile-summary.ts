import { readFileSync } from 'node:fs';

/**
 * node dist/scripts/bench/profile-summary.js FILE.cpuprofile [TOP] [LAST_SECONDS]: where a V8 CPU
 * profile (from `BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=DIR'`) spends its time, by self
 * time: per package of node_modules (or the project's own code, Node's internals, GC, idle), then
 * the hottest functions. LAST_SECONDS keeps only the end of the profile (the case measured last,
 * without the server's start). What the speed notes in docs/benchmarks.md quote.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return '(program)';
  if (!url) return `native ${name || '(anonymous)'}`.slice(0, 40);
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = url.match(/\/dist\/((?:apps|libs|scripts)\/[^/]+)/);
  return own ? own[1] : url;
}

function main(): void {
  const [file, topArg, lastArg] = process.argv.slice(2);
  if (!file) throw new Error('Usage: profile-summary FILE.cpuprofile [TOP]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const ends: number[] = [];
  profile.timeDeltas.reduce((at, delta, index) => (ends[index] = at + delta), 0);
  const from = lastArg ? ends[ends.length - 1] - Number(lastArg) * 1e6 : -Infinity;
  profile.samples.forEach((id, index) => {
    if (ends[index] >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const { callFrame } = byId.get(id)!;
    const where = area(callFrame.url, callFrame.functionName);
    areas.set(where, (areas.get(where) ?? 0) + time);
    const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + time);
  }
  const percent = (time: number) => `${((100 * time) / total).toFixed(1).padStart(5)} %`;
  const top = Number(topArg ?? 25);
  process.stdout.write(`${(total / 1e6).toFixed(1)} s sampled\n\nBy area (self time):\n`);
  for (const [name, time] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${percent(time)}  ${name}\n`);
  process.stdout.write('\nHottest functions (self time):\n');
  for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${percent(time)}  ${name}\n`);
}

main();
