import { Migration } from '@mikro-orm/migrations';

export class Migration20261126101703_accounts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "login_failure" ("id" uuid not null, "key" varchar(100) not null, "failed_at" timestamptz not null, constraint "login_failure_pkey" primary key ("id"));`);
    this.addSql(`create index "login_failure_key_failed_at_index" on "login_failure" ("key", "failed_at");`);

    this.addSql(`create table "organisation" ("id" uuid not null, "name" varchar(200) not null, "name_key" varchar(200) not null, "kind" varchar(20) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisation" add constraint "organisation_name_key_unique" unique ("name_key");`);
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "organisation_id" uuid not null, "role" varchar(20) not null, "email" varchar(254) not null, "email_key" varchar(254) not null, "full_name" varchar(200) not null, "search_name" varchar(200) not null, "password_hash" varchar(200) not null, "deactivated_at" timestamptz null, "password_changed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`create index "app_user_role_index" on "app_user" ("role");`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_key_unique" unique ("email_key");`);
    this.addSql(`create index "app_user_search_name_index" on "app_user" ("search_name");`);

    this.addSql(`create table "session" ("id" uuid not null, "user_id" uuid not null, "refresh_token_hash" varchar(64) not null, "refresh_expires_at" timestamptz not null, "created_at" timestamptz not null, "last_refreshed_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" varchar(30) null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_user_id_ended_at_index" on "session" ("user_id", "ended_at");`);

    this.addSql(`alter table "app_user" add constraint "app_user_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_organisation_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`drop table if exists "login_failure" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);
  }

}
