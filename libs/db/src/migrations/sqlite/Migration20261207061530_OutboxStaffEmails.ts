import { Migration } from '@mikro-orm/migrations';

export class Migration20261207061530_OutboxStaffEmails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`outbox_message\` add column \`recipient_id\` text null constraint \`outbox_message_recipient_id_foreign\` references \`app_user\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outbox_message\` add column \`staff_notification_id\` text null;`);
    this.addSql(`alter table \`outbox_message\` add column \`digest_on\` text null;`);
    this.addSql(`create index \`outbox_message_recipient_id_index\` on \`outbox_message\` (\`recipient_id\`);`);
  }

}
