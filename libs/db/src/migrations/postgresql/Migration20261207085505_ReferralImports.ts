import { Migration } from '@mikro-orm/migrations';

export class Migration20261207085505_ReferralImports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "referral_import_mapping" ("id" uuid not null, "organisation_id" uuid not null, "columns" jsonb not null, "updated_at" timestamptz not null, constraint "referral_import_mapping_pkey" primary key ("id"));`);
    this.addSql(`alter table "referral_import_mapping" add constraint "referral_import_mapping_organisation_id_unique" unique ("organisation_id");`);

    this.addSql(`create table "referral_import" ("id" uuid not null, "uploaded_by_id" uuid not null, "referent_id" uuid not null, "organisation_id" uuid not null, "file_name" varchar(200) not null, "format" varchar(10) not null, "status" varchar(20) not null, "headers" jsonb not null, "cells" jsonb null, "line_count" int not null, "mapping" jsonb not null, "choices" jsonb not null, "counts" jsonb null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, "ended_at" timestamptz null, "lease_until" timestamptz null, "leased_by" varchar(36) null, constraint "referral_import_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_import_status_index" on "referral_import" ("status");`);
    this.addSql(`create index "referral_import_uploaded_by_id_created_at_index" on "referral_import" ("uploaded_by_id", "created_at");`);

    this.addSql(`create table "referral_import_line" ("id" uuid not null, "referral_import_id" uuid not null, "line" int not null, "verdict" varchar(30) not null, "problems" jsonb not null, "known_before" boolean not null, "pathway_id" varchar(36) null, "done" boolean not null, constraint "referral_import_line_pkey" primary key ("id"));`);
    this.addSql(`alter table "referral_import_line" add constraint "referral_import_line_referral_import_id_line_unique" unique ("referral_import_id", "line");`);

    this.addSql(`alter table "referral_import_mapping" add constraint "referral_import_mapping_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "referral_import" add constraint "referral_import_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "referral_import" add constraint "referral_import_referent_id_foreign" foreign key ("referent_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "referral_import" add constraint "referral_import_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "referral_import_line" add constraint "referral_import_line_referral_import_id_foreign" foreign key ("referral_import_id") references "referral_import" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "refused_referral" add column "dedupe_key" varchar(64) null;`);
    this.addSql(`alter table "refused_referral" add constraint "refused_referral_dedupe_key_unique" unique ("dedupe_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_import_line" drop constraint "referral_import_line_referral_import_id_foreign";`);

    this.addSql(`drop table if exists "referral_import_mapping" cascade;`);

    this.addSql(`drop table if exists "referral_import" cascade;`);

    this.addSql(`drop table if exists "referral_import_line" cascade;`);

    this.addSql(`alter table "refused_referral" drop constraint "refused_referral_dedupe_key_unique";`);
    this.addSql(`alter table "refused_referral" drop column "dedupe_key";`);
  }

}
