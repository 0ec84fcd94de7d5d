import { Migration } from '@mikro-orm/migrations';

export class Migration20261207061529_NotificationEmails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "notification_emails" jsonb null;`);
    // A referent who had turned report e-mails off keeps them off: reports only in the inbox.
    this.addSql(`update "app_user" set "notification_emails" = '{"REPORT":"CONSOLE_ONLY"}'::jsonb where "report_emails" = false;`);
    this.addSql(`alter table "app_user" drop column "report_emails";`);

    this.addSql(`alter table "outbox_message" add column "recipient_id" uuid null, add column "staff_notification_id" varchar(36) null, add column "digest_on" varchar(10) null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_recipient_id_foreign";`);

    this.addSql(`alter table "app_user" add column "report_emails" bool not null default true;`);
    this.addSql(`update "app_user" set "report_emails" = false where "notification_emails"->>'REPORT' in ('CONSOLE_ONLY', 'DIGEST');`);
    this.addSql(`alter table "app_user" drop column "notification_emails";`);

    this.addSql(`alter table "outbox_message" drop column "recipient_id", drop column "staff_notification_id", drop column "digest_on";`);
  }

}
