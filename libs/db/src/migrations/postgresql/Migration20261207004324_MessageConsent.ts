import { Migration } from '@mikro-orm/migrations';
import { normalisePhones } from '../phone-normalisation';

export class Migration20261207004324_MessageConsent extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "participant" add column "sms_consent_at" timestamptz null, add column "sms_consent_by_id" uuid null, add column "email_consent_at" timestamptz null, add column "email_consent_by_id" uuid null;`);
    this.addSql(`alter table "participant" add constraint "participant_sms_consent_by_id_foreign" foreign key ("sms_consent_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "participant" add constraint "participant_email_consent_by_id_foreign" foreign key ("email_consent_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    await normalisePhones(this);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "participant" drop constraint "participant_sms_consent_by_id_foreign";`);
    this.addSql(`alter table "participant" drop constraint "participant_email_consent_by_id_foreign";`);

    this.addSql(`alter table "participant" drop column "sms_consent_at", drop column "sms_consent_by_id", drop column "email_consent_at", drop column "email_consent_by_id";`);
  }

}
