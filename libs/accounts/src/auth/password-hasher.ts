import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 25 ms here.
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /** Verifies against a dummy hash when there is no account, so that timing tells nothing. */
  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    this.dummy ??= this.hash('no account has this password');
    try {
      return await verify(passwordHash ?? (await this.dummy), password);
    } catch {
      return false;
    }
  }
}
