import { Migration } from '@mikro-orm/migrations';

export class Migration20261207061530_OutboxStaffEmails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "outbox_message" add column "recipient_id" uuid null, add column "staff_notification_id" varchar(36) null, add column "digest_on" varchar(10) null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_recipient_id_foreign";`);
    this.addSql(`alter table "outbox_message" drop column "recipient_id", drop column "staff_notification_id", drop column "digest_on";`);
  }

}
