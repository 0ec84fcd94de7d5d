import { Migration } from '@mikro-orm/migrations';

export class Migration20261127002753_offers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "partner" ("id" uuid not null, "organisation_id" uuid not null, "siret" varchar(14) not null, "search_name" varchar(260) not null, "commune_code" varchar(5) not null, "contact_name" varchar(200) null, "contact_phone" varchar(30) null, "contact_email" varchar(254) null, "registered_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "partner_pkey" primary key ("id"));`);
    this.addSql(`alter table "partner" add constraint "partner_organisation_id_unique" unique ("organisation_id");`);
    this.addSql(`alter table "partner" add constraint "partner_siret_unique" unique ("siret");`);
    this.addSql(`create index "partner_updated_at_index" on "partner" ("updated_at");`);

    this.addSql(`create table "partner_change" ("id" serial primary key, "partner_id" uuid not null, "kind" varchar(20) not null, "fields" varchar(200) not null, "by_id" uuid null, "at" timestamptz not null);`);
    this.addSql(`create index "partner_change_partner_id_at_index" on "partner_change" ("partner_id", "at");`);

    this.addSql(`create table "opportunity" ("id" uuid not null, "kind" varchar(10) not null, "operator_id" uuid not null, "partner_id" uuid not null, "client_id" uuid null, "title" varchar(200) not null, "search_name" varchar(200) not null, "rome_code" varchar(5) null, "contract_type" varchar(30) not null, "hours_per_week" int null, "commune_code" varchar(5) not null, "start_on" varchar(10) not null, "end_on" varchar(10) null, "positions" int null, "qualification" varchar(20) null, "level" int null, "hires" int not null, "status" varchar(10) not null, "closed_because" varchar(10) null, "closed_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "opportunity_pkey" primary key ("id"));`);
    this.addSql(`create index "opportunity_status_index" on "opportunity" ("status");`);
    this.addSql(`create index "opportunity_operator_id_status_updated_at_index" on "opportunity" ("operator_id", "status", "updated_at");`);

    this.addSql(`create table "proposal" ("id" uuid not null, "pathway_id" uuid not null, "opportunity_id" uuid not null, "status" varchar(30) not null, "open_key" varchar(73) null, "proposed_at" timestamptz not null, "proposed_on" varchar(10) not null, "last_step_on" varchar(10) not null, "last_step_at" timestamptz not null, "reason" varchar(30) null, constraint "proposal_pkey" primary key ("id"));`);
    this.addSql(`alter table "proposal" add constraint "proposal_open_key_unique" unique ("open_key");`);
    this.addSql(`create index "proposal_status_last_step_at_index" on "proposal" ("status", "last_step_at");`);
    this.addSql(`create index "proposal_opportunity_id_status_index" on "proposal" ("opportunity_id", "status");`);
    this.addSql(`create index "proposal_pathway_id_index" on "proposal" ("pathway_id");`);

    this.addSql(`create table "proposal_step" ("id" serial primary key, "proposal_id" uuid not null, "step" varchar(30) not null, "on" varchar(10) not null, "reason" varchar(30) null, "comment" text null, "by_id" uuid null, "at" timestamptz not null);`);
    this.addSql(`create index "proposal_step_proposal_id_index" on "proposal_step" ("proposal_id");`);

    this.addSql(`alter table "partner" add constraint "partner_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "partner" add constraint "partner_registered_by_id_foreign" foreign key ("registered_by_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "partner_change" add constraint "partner_change_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade;`);
    this.addSql(`alter table "partner_change" add constraint "partner_change_by_id_foreign" foreign key ("by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "opportunity" add constraint "opportunity_operator_id_foreign" foreign key ("operator_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_client_id_foreign" foreign key ("client_id") references "partner" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "proposal" add constraint "proposal_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "proposal" add constraint "proposal_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade;`);

    this.addSql(`alter table "proposal_step" add constraint "proposal_step_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade;`);
    this.addSql(`alter table "proposal_step" add constraint "proposal_step_by_id_foreign" foreign key ("by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organisation" alter column "name_key" type varchar(240) using ("name_key"::varchar(240));`);

    this.addSql(`alter table "pathway_event" add column "proposal_id" uuid null, add column "proposal_step" varchar(30) null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade on delete set null;`);

    // Partners' organisations are keyed by name and id (two establishments may share a name).
    this.addSql(`update organisation set name_key = name_key || '#' || id where kind in ('EMPLOYER', 'TEMP_AGENCY', 'TRAINING_BODY');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "partner_change" drop constraint "partner_change_partner_id_foreign";`);

    this.addSql(`alter table "opportunity" drop constraint "opportunity_partner_id_foreign";`);

    this.addSql(`alter table "opportunity" drop constraint "opportunity_client_id_foreign";`);

    this.addSql(`alter table "proposal" drop constraint "proposal_opportunity_id_foreign";`);

    this.addSql(`alter table "proposal_step" drop constraint "proposal_step_proposal_id_foreign";`);

    this.addSql(`alter table "pathway_event" drop constraint "pathway_event_proposal_id_foreign";`);

    this.addSql(`drop table if exists "partner" cascade;`);

    this.addSql(`drop table if exists "partner_change" cascade;`);

    this.addSql(`drop table if exists "opportunity" cascade;`);

    this.addSql(`drop table if exists "proposal" cascade;`);

    this.addSql(`drop table if exists "proposal_step" cascade;`);

    this.addSql(`alter table "organisation" alter column "name_key" type varchar(200) using ("name_key"::varchar(200));`);

    this.addSql(`alter table "pathway_event" drop column "proposal_id", drop column "proposal_step";`);
  }

}
