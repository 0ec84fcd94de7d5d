import { Migration } from '@mikro-orm/migrations';

export class Migration20261126103433_referrals extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz not null, "user_id" varchar(36) null, "role" varchar(20) not null, "organisation_id" varchar(36) null, "request_id" varchar(128) null, "operation" varchar(200) not null, "action" varchar(20) not null, "participant_id" varchar(36) not null, "object_type" varchar(50) not null, "object_id" varchar(36) not null, "fields" text not null, "reason" varchar(500) null);`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_user_id_at_index" on "audit_entry" ("user_id", "at");`);
    this.addSql(`create index "audit_entry_participant_id_at_index" on "audit_entry" ("participant_id", "at");`);

    this.addSql(`create table "participant" ("id" uuid not null, "last_name" varchar(100) not null, "first_names" varchar(200) not null, "birth_date" varchar(10) null, "identity_key" varchar(320) not null, "search_name" varchar(300) not null, "sex" varchar(10) null, "phone" varchar(30) null, "email" varchar(254) null, "address_line" varchar(300) not null, "postal_code" varchar(5) not null, "commune_code" varchar(5) not null, "rsa_status" varchar(20) not null, "france_travail_registered" boolean not null, "france_travail_id" varchar(20) null, "france_travail_missing_reason" varchar(500) null, "education_level" varchar(10) not null, "informed_on" varchar(10) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "anonymised_at" timestamptz null, constraint "participant_pkey" primary key ("id"));`);
    this.addSql(`alter table "participant" add constraint "participant_identity_key_unique" unique ("identity_key");`);
    this.addSql(`create index "participant_search_name_index" on "participant" ("search_name");`);
    this.addSql(`create index "participant_commune_code_index" on "participant" ("commune_code");`);
    this.addSql(`alter table "participant" add constraint "participant_france_travail_id_unique" unique ("france_travail_id");`);

    this.addSql(`create table "refused_referral" ("id" uuid not null, "referent_id" uuid not null, "prescriber_id" uuid not null, "operator_id" uuid not null, "commune_code" varchar(5) not null, "refused_on" varchar(10) not null, "unmet_codes" varchar(100) not null, "at" timestamptz not null, constraint "refused_referral_pkey" primary key ("id"));`);
    this.addSql(`create index "refused_referral_refused_on_index" on "refused_referral" ("refused_on");`);

    this.addSql(`create table "pathway" ("id" uuid not null, "participant_id" uuid not null, "operator_id" uuid not null, "referent_id" uuid not null, "counsellor_id" uuid null, "status" varchar(30) not null, "open_key" varchar(36) null, "referred_at" timestamptz not null, "referred_on" varchar(10) not null, "referral_commune_code" varchar(5) not null, "age_at_referral" int not null, "referral_rsa_status" varchar(20) not null, "justice_justification" text null, "eligibility_reasons" varchar(200) not null, "decline_reason" varchar(40) null, "decline_comment" text null, "accepted_at" timestamptz null, "closed_at" timestamptz null, "last_changed_at" timestamptz not null, constraint "pathway_pkey" primary key ("id"));`);
    this.addSql(`create index "pathway_status_index" on "pathway" ("status");`);
    this.addSql(`alter table "pathway" add constraint "pathway_open_key_unique" unique ("open_key");`);
    this.addSql(`create index "pathway_referred_on_index" on "pathway" ("referred_on");`);
    this.addSql(`create index "pathway_referent_id_status_index" on "pathway" ("referent_id", "status");`);
    this.addSql(`create index "pathway_operator_id_status_index" on "pathway" ("operator_id", "status");`);

    this.addSql(`create table "referral_barrier" ("id" uuid not null, "pathway_id" uuid not null, "theme" varchar(30) not null, constraint "referral_barrier_pkey" primary key ("id"));`);
    this.addSql(`alter table "referral_barrier" add constraint "referral_barrier_pathway_id_theme_unique" unique ("pathway_id", "theme");`);

    this.addSql(`create table "pathway_event" ("id" serial primary key, "pathway_id" uuid not null, "kind" varchar(30) not null, "at" timestamptz not null, "by_id" uuid null, "from_status" varchar(30) null, "to_status" varchar(30) null, "reason" varchar(500) null, "comment" text null, "details" varchar(1000) null);`);
    this.addSql(`create index "pathway_event_pathway_id_at_index" on "pathway_event" ("pathway_id", "at");`);

    this.addSql(`alter table "refused_referral" add constraint "refused_referral_referent_id_foreign" foreign key ("referent_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "refused_referral" add constraint "refused_referral_prescriber_id_foreign" foreign key ("prescriber_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "refused_referral" add constraint "refused_referral_operator_id_foreign" foreign key ("operator_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "pathway" add constraint "pathway_participant_id_foreign" foreign key ("participant_id") references "participant" ("id") on update cascade;`);
    this.addSql(`alter table "pathway" add constraint "pathway_operator_id_foreign" foreign key ("operator_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "pathway" add constraint "pathway_referent_id_foreign" foreign key ("referent_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "pathway" add constraint "pathway_counsellor_id_foreign" foreign key ("counsellor_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "referral_barrier" add constraint "referral_barrier_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);

    this.addSql(`alter table "pathway_event" add constraint "pathway_event_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_by_id_foreign" foreign key ("by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pathway" drop constraint "pathway_participant_id_foreign";`);

    this.addSql(`alter table "referral_barrier" drop constraint "referral_barrier_pathway_id_foreign";`);

    this.addSql(`alter table "pathway_event" drop constraint "pathway_event_pathway_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "participant" cascade;`);

    this.addSql(`drop table if exists "refused_referral" cascade;`);

    this.addSql(`drop table if exists "pathway" cascade;`);

    this.addSql(`drop table if exists "referral_barrier" cascade;`);

    this.addSql(`drop table if exists "pathway_event" cascade;`);
  }

}
