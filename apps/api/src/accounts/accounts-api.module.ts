import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccountsModule } from '@parcours/accounts';
import { AccessDeclarations } from '../auth/access-declarations';
import { AccessGuard } from '../auth/access.guard';
import { AuthResolver } from './auth.resolver';
import { BrowserSessionController } from './browser-session.controller';
import { OrganisationContactResolver, OrganisationsResolver } from './organisations.resolver';
import { UsersResolver } from './users.resolver';

@Module({
  imports: [AccountsModule, DiscoveryModule],
  controllers: [BrowserSessionController],
  providers: [AuthResolver, OrganisationsResolver, OrganisationContactResolver, UsersResolver, AccessDeclarations, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessDeclarations],
})
export class AccountsApiModule {}
