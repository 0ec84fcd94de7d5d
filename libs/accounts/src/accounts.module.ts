import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '@parcours/config';
import { AccountsPersonalData } from './accounts-personal-data';
import { AuthService } from './auth/auth.service';
import { resolveJwtSecret } from './auth/jwt-secret';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { AccountsBootstrap } from './bootstrap/accounts-bootstrap';
import { IdentityProvider } from './oidc/identity-provider';
import { OidcSignIn } from './oidc/oidc-sign-in.service';
import { OrganisationsService } from './organisations/organisations.service';
import { AccountLinks } from './recovery/account-links';
import { PasswordRecovery } from './recovery/password-recovery.service';
import { WorkHolders } from './users/open-work';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    DiscoveryModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object, made once: given a string, jsonwebtoken re-derives the key at every verify.
        secret: createSecretKey(Buffer.from(resolveJwtSecret(config))) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AccountsPersonalData, AuthService, UsersService, OrganisationsService, PasswordHasher, LoginThrottle, AccountsBootstrap, AccountLinks, PasswordRecovery, WorkHolders, IdentityProvider, OidcSignIn],
  exports: [AuthService, UsersService, OrganisationsService, AccountsBootstrap, AccountLinks, PasswordRecovery, IdentityProvider, OidcSignIn],
})
export class AccountsModule {}
