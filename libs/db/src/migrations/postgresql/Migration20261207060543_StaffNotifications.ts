import { Migration } from '@mikro-orm/migrations';

export class Migration20261207060543_StaffNotifications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "staff_notification" ("id" uuid not null, "recipient_id" uuid not null, "kind" varchar(30) not null, "pathway_id" uuid not null, "item_id" varchar(36) not null, "due_on" varchar(10) null, "key" varchar(90) not null, "created_at" timestamptz not null, "read_at" timestamptz null, constraint "staff_notification_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_notification_read_at_index" on "staff_notification" ("read_at");`);
    this.addSql(`create index "staff_notification_pathway_id_index" on "staff_notification" ("pathway_id");`);
    this.addSql(`create index "staff_notification_recipient_id_created_at_index" on "staff_notification" ("recipient_id", "created_at");`);
    this.addSql(`alter table "staff_notification" add constraint "staff_notification_recipient_id_key_unique" unique ("recipient_id", "key");`);

    this.addSql(`alter table "staff_notification" add constraint "staff_notification_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "staff_notification" add constraint "staff_notification_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "staff_notification" cascade;`);
  }

}
