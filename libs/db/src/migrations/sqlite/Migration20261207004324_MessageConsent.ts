import { Migration } from '@mikro-orm/migrations';
import { normalisePhones } from '../phone-normalisation';

export class Migration20261207004324_MessageConsent extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`participant\` add column \`sms_consent_at\` datetime null;`);
    this.addSql(`alter table \`participant\` add column \`sms_consent_by_id\` text null constraint \`participant_sms_consent_by_id_foreign\` references \`app_user\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`participant\` add column \`email_consent_at\` datetime null;`);
    this.addSql(`alter table \`participant\` add column \`email_consent_by_id\` text null constraint \`participant_email_consent_by_id_foreign\` references \`app_user\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`participant_sms_consent_by_id_index\` on \`participant\` (\`sms_consent_by_id\`);`);
    this.addSql(`create index \`participant_email_consent_by_id_index\` on \`participant\` (\`email_consent_by_id\`);`);
    await normalisePhones(this);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index \`participant_sms_consent_by_id_index\`;`);
    this.addSql(`drop index \`participant_email_consent_by_id_index\`;`);
    for (const column of ['sms_consent_at', 'sms_consent_by_id', 'email_consent_at', 'email_consent_by_id']) this.addSql(`alter table \`participant\` drop column \`${column}\`;`);
  }

}
