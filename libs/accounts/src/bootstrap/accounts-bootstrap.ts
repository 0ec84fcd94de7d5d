import { Injectable } from '@nestjs/common';
import { AppConfig, ConfigError } from '@parcours/config';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { randomBytes } from 'node:crypto';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { Organisation, organisationNameKey } from '../organisations/organisation.entity';
import { OrganisationKind } from '@parcours/core';
import { Role } from '@parcours/core';
import { User } from '../users/user.entity';

export interface BootstrapResult {
  created: boolean;
  adminEmail?: string;
  /** Only when no ADMIN_PASSWORD was configured: to be shown once, never logged. */
  generatedPassword?: string;
}

/**
 * On a database without any account: the operator organisation and its first ADMIN. Never touches
 * a database that has accounts.
 */
@Injectable()
export class AccountsBootstrap {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  async run(): Promise<BootstrapResult> {
    if ((await this.uow.read(SYSTEM, (reads) => reads.count(User, {}))) > 0) return { created: false };
    const { operatorName, adminEmail, adminName, adminPassword } = this.config.bootstrap;
    if (adminPassword !== undefined) {
      const problem = passwordProblem(adminPassword, adminEmail);
      if (problem) throw new ConfigError([`ADMIN_PASSWORD: ${problem}`]);
    }
    const password = adminPassword ?? generatePassword();
    const passwordHash = await this.hasher.hash(password);
    await this.uow.run(null, async ({ em, now }) => {
      const operator =
        (await em.findOne(Organisation, { nameKey: organisationNameKey(operatorName) })) ??
        new Organisation(operatorName, OrganisationKind.OPERATOR, now);
      em.persist(new User(operator, Role.ADMIN, adminEmail, adminName, passwordHash, now));
    });
    return { created: true, adminEmail, ...(adminPassword === undefined ? { generatedPassword: password } : {}) };
  }
}

function generatePassword(): string {
  // base64url of 18 bytes: 24 characters of all four kinds but for rare draws; retried until strong.
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (passwordProblem(candidate) === null) return candidate;
  }
}
