// The console's initial JavaScript (the entry and what it preloads), gzipped: the build fails above
// the budget, and says the figure either way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = join(import.meta.dirname, '..', '..', '..', 'dist', 'web');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((match) => match[1]);
if (scripts.length === 0) throw new Error('check-size: no script found in dist/web/index.html');
const bytes = scripts.reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path))).length, 0);
const kb = bytes / 1024;
console.log(`console: initial JavaScript ${kb.toFixed(1)} KB gzip (${scripts.length} file${scripts.length > 1 ? 's' : ''}; budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error(`console: over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
