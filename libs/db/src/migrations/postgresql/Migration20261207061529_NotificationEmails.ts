import { Migration } from '@mikro-orm/migrations';

export class Migration20261207061529_NotificationEmails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "notification_emails" jsonb null;`);
    // A referent who had turned report e-mails off keeps them off: reports only in the inbox.
    this.addSql(`update "app_user" set "notification_emails" = '{"REPORT":"CONSOLE_ONLY"}'::jsonb where "report_emails" = false;`);
    this.addSql(`alter table "app_user" drop column "report_emails";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" add column "report_emails" bool not null default true;`);
    this.addSql(`update "app_user" set "report_emails" = false where "notification_emails"->>'REPORT' in ('CONSOLE_ONLY', 'DIGEST');`);
    this.addSql(`alter table "app_user" drop column "notification_emails";`);
  }

}
