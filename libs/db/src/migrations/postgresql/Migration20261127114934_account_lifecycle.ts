import { Migration } from '@mikro-orm/migrations';

export class Migration20261127114934_account_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account_token" ("id" uuid not null, "user_id" uuid not null, "purpose" varchar(20) not null, "secret_hash" varchar(64) not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" varchar(20) null, constraint "account_token_pkey" primary key ("id"));`);
    this.addSql(`create index "account_token_user_id_ended_at_index" on "account_token" ("user_id", "ended_at");`);

    this.addSql(`create table "account_event" ("id" serial primary key, "user_id" uuid not null, "type" varchar(30) not null, "at" timestamptz not null, "by_user_id" varchar(36) null, "detail" jsonb null);`);
    this.addSql(`create index "account_event_user_id_at_index" on "account_event" ("user_id", "at");`);

    this.addSql(`alter table "account_token" add constraint "account_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "account_event" add constraint "account_event_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_report_id_foreign";`);

    this.addSql(`alter table "app_user" add column "password_set" boolean not null default true;`);

    this.addSql(`alter table "outbox_message" add column "account_token_id" uuid null;`);
    this.addSql(`alter table "outbox_message" alter column "report_id" drop not null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_account_token_id_foreign" foreign key ("account_token_id") references "account_token" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_report_id_foreign" foreign key ("report_id") references "referent_report" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_account_token_id_foreign";`);

    this.addSql(`drop table if exists "account_token" cascade;`);

    this.addSql(`drop table if exists "account_event" cascade;`);

    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_report_id_foreign";`);

    this.addSql(`alter table "app_user" drop column "password_set";`);

    this.addSql(`alter table "outbox_message" drop column "account_token_id";`);

    this.addSql(`alter table "outbox_message" alter column "report_id" set not null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_report_id_foreign" foreign key ("report_id") references "referent_report" ("id") on update cascade on delete no action;`);
  }

}
