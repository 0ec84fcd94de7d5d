import { Migration } from '@mikro-orm/migrations';

export class Migration20261207061529_NotificationEmails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`app_user\` add column \`notification_emails\` json null;`);
    // A referent who had turned report e-mails off keeps them off: reports only in the inbox.
    this.addSql(`update \`app_user\` set \`notification_emails\` = '{"REPORT":"CONSOLE_ONLY"}' where \`report_emails\` = 0;`);
    this.addSql(`alter table \`app_user\` drop column \`report_emails\`;`);

    this.addSql(`alter table \`outbox_message\` add column \`recipient_id\` text null constraint \`outbox_message_recipient_id_foreign\` references \`app_user\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outbox_message\` add column \`staff_notification_id\` text null;`);
    this.addSql(`alter table \`outbox_message\` add column \`digest_on\` text null;`);
    this.addSql(`create index \`outbox_message_recipient_id_index\` on \`outbox_message\` (\`recipient_id\`);`);
  }

}
