import { Logger } from '@nestjs/common';
import type { AppConfig } from '@parcours/config';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * JWT_SECRET, or outside production a secret generated once and kept in DATA_DIR/jwt-secret, so
 * that tokens survive a restart on a developer's machine. (Production refuses to start without one.)
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  new Logger('Accounts').warn(`JWT_SECRET is not set: generated one and kept it in ${file} (set JWT_SECRET in production)`);
  return secret;
}
