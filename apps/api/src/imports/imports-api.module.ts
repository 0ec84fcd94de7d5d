import { Module } from '@nestjs/common';
import { ImportsModule } from '@parcours/imports';
import { ImportScheduler } from './import-scheduler';
import { ReferralImportsController } from './referral-imports.controller';
import { ReferralImportsResolver } from './referral-imports.resolver';

@Module({ imports: [ImportsModule], controllers: [ReferralImportsController], providers: [ReferralImportsResolver, ImportScheduler] })
export class ImportsApiModule {}
