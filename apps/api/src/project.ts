import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Project {
  root: string;
  version: string;
}

/** The project's folder and package.json version, found from this file whether run from source or dist. */
function findProject(from: string): Project | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'parcours') return { root: dir, version: manifest.version ?? 'unknown' };
    }
  }
  return undefined;
}

const project = findProject(__dirname);

export const PACKAGE_VERSION = project?.version ?? 'unknown';

/** Where the built console lives (npm run build:web writes it). */
export const CONSOLE_DIR = join(project?.root ?? process.cwd(), 'dist', 'web');
