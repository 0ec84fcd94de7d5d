import { Migration } from '@mikro-orm/migrations';

export class Migration20261126211245_report_emails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outbox_message" ("id" uuid not null, "report_id" uuid not null, "channel" varchar(20) not null default 'EMAIL', "idempotency_key" varchar(100) not null, "status" varchar(10) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "leased_by" varchar(100) null, "lease_expires_at" timestamptz null, "smtp_code" int null, "last_error" varchar(100) null, "skip_reason" varchar(30) null, "created_at" timestamptz not null, "finished_at" timestamptz null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "outbox_message_status_next_attempt_at_index" on "outbox_message" ("status", "next_attempt_at");`);

    this.addSql(`alter table "outbox_message" add constraint "outbox_message_report_id_foreign" foreign key ("report_id") references "referent_report" ("id") on update cascade;`);

    this.addSql(`alter table "app_user" add column "report_emails" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`alter table "app_user" drop column "report_emails";`);
  }

}
