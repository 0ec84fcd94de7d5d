// Written by npm run migration:create: every migration of this folder, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126101703_accounts } from './Migration20261126101703_accounts';
import { Migration20261126103433_referrals } from './Migration20261126103433_referrals';
import { Migration20261126104326_diagnostics_reports } from './Migration20261126104326_diagnostics_reports';
import { Migration20261126153534_journey_core } from './Migration20261126153534_journey_core';
import { Migration20261126211245_report_emails } from './Migration20261126211245_report_emails';
import { Migration20261127002753_offers } from './Migration20261127002753_offers';
import { Migration20261127025525_placements } from './Migration20261127025525_placements';
import { Migration20261127034059_outcomes } from './Migration20261127034059_outcomes';
import { Migration20261127070424_list_order } from './Migration20261127070424_list_order';
import { Migration20261127114934_account_lifecycle } from './Migration20261127114934_account_lifecycle';
import { Migration20261206025754_hardening } from './Migration20261206025754_hardening';
import { Migration20261206144839_outcome_model } from './Migration20261206144839_outcome_model';
import { Migration20261206215512_OperatorContact } from './Migration20261206215512_OperatorContact';
import { Migration20261207002535_PathwayListOrders } from './Migration20261207002535_PathwayListOrders';
import { Migration20261207004324_MessageConsent } from './Migration20261207004324_MessageConsent';
import { Migration20261207010708_Convocations } from './Migration20261207010708_Convocations';
import { Migration20261207033107_PersonAnswersAndReminders } from './Migration20261207033107_PersonAnswersAndReminders';
import { Migration20261207034539_AppointmentReminded } from './Migration20261207034539_AppointmentReminded';
import { Migration20261207060543_StaffNotifications } from './Migration20261207060543_StaffNotifications';
import { Migration20261207061529_NotificationEmails } from './Migration20261207061529_NotificationEmails';
import { Migration20261207062442_Conversation } from './Migration20261207062442_Conversation';

export const SQLITE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126101703_accounts', class: Migration20261126101703_accounts },
  { name: 'Migration20261126103433_referrals', class: Migration20261126103433_referrals },
  { name: 'Migration20261126104326_diagnostics_reports', class: Migration20261126104326_diagnostics_reports },
  { name: 'Migration20261126153534_journey_core', class: Migration20261126153534_journey_core },
  { name: 'Migration20261126211245_report_emails', class: Migration20261126211245_report_emails },
  { name: 'Migration20261127002753_offers', class: Migration20261127002753_offers },
  { name: 'Migration20261127025525_placements', class: Migration20261127025525_placements },
  { name: 'Migration20261127034059_outcomes', class: Migration20261127034059_outcomes },
  { name: 'Migration20261127070424_list_order', class: Migration20261127070424_list_order },
  { name: 'Migration20261127114934_account_lifecycle', class: Migration20261127114934_account_lifecycle },
  { name: 'Migration20261206025754_hardening', class: Migration20261206025754_hardening },
  { name: 'Migration20261206144839_outcome_model', class: Migration20261206144839_outcome_model },
  { name: 'Migration20261206215512_OperatorContact', class: Migration20261206215512_OperatorContact },
  { name: 'Migration20261207002535_PathwayListOrders', class: Migration20261207002535_PathwayListOrders },
  { name: 'Migration20261207004324_MessageConsent', class: Migration20261207004324_MessageConsent },
  { name: 'Migration20261207010708_Convocations', class: Migration20261207010708_Convocations },
  { name: 'Migration20261207033107_PersonAnswersAndReminders', class: Migration20261207033107_PersonAnswersAndReminders },
  { name: 'Migration20261207034539_AppointmentReminded', class: Migration20261207034539_AppointmentReminded },
  { name: 'Migration20261207060543_StaffNotifications', class: Migration20261207060543_StaffNotifications },
  { name: 'Migration20261207061529_NotificationEmails', class: Migration20261207061529_NotificationEmails },
  { name: 'Migration20261207062442_Conversation', class: Migration20261207062442_Conversation },
];
