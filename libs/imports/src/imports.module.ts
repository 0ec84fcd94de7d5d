import { Module } from '@nestjs/common';
import { StaffNotificationsModule } from '@parcours/notifications';
import { PathwaysModule } from '@parcours/pathways';
import { TerritoryModule } from '@parcours/territory';
import { ImportRunner } from './import-runner';
import { ImportsPersonalData } from './imports-personal-data';
import { ReferralImportsService } from './referral-imports.service';

@Module({
  imports: [PathwaysModule, TerritoryModule, StaffNotificationsModule],
  providers: [ImportsPersonalData, ReferralImportsService, ImportRunner],
  exports: [ReferralImportsService, ImportRunner],
})
export class ImportsModule {}
