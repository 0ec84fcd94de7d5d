import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in the project's package.json, found from this file whether run from source or dist. */
function readVersion(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'parcours') return manifest.version ?? 'unknown';
    }
  }
  return 'unknown';
}

export const PACKAGE_VERSION = readVersion(__dirname);
