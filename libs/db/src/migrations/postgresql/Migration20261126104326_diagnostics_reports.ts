import { Migration } from '@mikro-orm/migrations';

export class Migration20261126104326_diagnostics_reports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "referent_report" ("id" uuid not null, "pathway_id" uuid not null, "referent_id" uuid not null, "kind" varchar(30) not null, "correction" boolean not null, "summary" jsonb not null, "counsellor_summary" text null, "event_at" timestamptz not null, "reported_on" varchar(10) not null, "due_on" varchar(10) not null, "acknowledged_at" timestamptz null, constraint "referent_report_pkey" primary key ("id"));`);
    this.addSql(`create index "referent_report_referent_id_acknowledged_at_due_on_index" on "referent_report" ("referent_id", "acknowledged_at", "due_on");`);

    this.addSql(`create table "appointment" ("id" uuid not null, "pathway_id" uuid not null, "counsellor_id" uuid not null, "starts_at" timestamptz not null, "channel" varchar(10) not null, "place" varchar(300) null, "status" varchar(10) not null default 'PLANNED', "outcome_at" timestamptz null, "created_at" timestamptz not null, constraint "appointment_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_status_index" on "appointment" ("status");`);
    this.addSql(`create index "appointment_pathway_id_status_index" on "appointment" ("pathway_id", "status");`);

    this.addSql(`create table "diagnostic" ("id" uuid not null, "pathway_id" uuid not null, "appointment_id" uuid not null, "recorded_by_id" uuid not null, "assessments" jsonb not null, "notes" jsonb null, "target_jobs" jsonb not null, "contract_types" jsonb not null, "working_time" varchar(10) not null, "mobility_radius_km" int null, "available_from" varchar(10) null, "strengths" text null, "readiness" varchar(30) not null, "summary" text not null, "recorded_at" timestamptz not null, "recorded_on" varchar(10) not null, "corrected_at" timestamptz null, constraint "diagnostic_pkey" primary key ("id"));`);
    this.addSql(`alter table "diagnostic" add constraint "diagnostic_appointment_id_unique" unique ("appointment_id");`);

    this.addSql(`alter table "referent_report" add constraint "referent_report_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "referent_report" add constraint "referent_report_referent_id_foreign" foreign key ("referent_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "appointment" add constraint "appointment_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "appointment" add constraint "appointment_counsellor_id_foreign" foreign key ("counsellor_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "diagnostic" add constraint "diagnostic_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "diagnostic" add constraint "diagnostic_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade;`);
    this.addSql(`alter table "diagnostic" add constraint "diagnostic_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "pathway_event" add column "report_kind" varchar(30) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "diagnostic" drop constraint "diagnostic_appointment_id_foreign";`);

    this.addSql(`drop table if exists "referent_report" cascade;`);

    this.addSql(`drop table if exists "appointment" cascade;`);

    this.addSql(`drop table if exists "diagnostic" cascade;`);

    this.addSql(`alter table "pathway_event" drop column "report_kind";`);
  }

}
