import { Migration } from '@mikro-orm/migrations';

export class Migration20261127025525_placements extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "placement" ("id" uuid not null, "pathway_id" uuid not null, "contract_type" varchar(30) not null, "partner_id" uuid null, "client_id" uuid null, "start_on" varchar(10) not null, "planned_end_on" varchar(10) null, "ended_on" varchar(10) null, "end_reason" varchar(30) null, "end_comment" text null, "hours_per_week" int null, "qualification" varchar(20) null, "level" int null, "proposal_id" uuid null, "started_by_id" uuid not null, "created_at" timestamptz not null, "ended_at" timestamptz null, "corrected_at" timestamptz null, constraint "placement_pkey" primary key ("id"));`);
    this.addSql(`alter table "placement" add constraint "placement_proposal_id_unique" unique ("proposal_id");`);
    this.addSql(`create index "placement_start_on_index" on "placement" ("start_on");`);
    this.addSql(`create index "placement_pathway_id_index" on "placement" ("pathway_id");`);

    this.addSql(`create table "checkpoint" ("id" uuid not null, "pathway_id" uuid not null, "key" varchar(60) not null, "kind" varchar(20) not null, "offset" varchar(10) null, "placement_id" uuid null, "due_on" varchar(10) not null, "status" varchar(20) not null, "missed_at" timestamptz null, "recorded_at" timestamptz null, constraint "checkpoint_pkey" primary key ("id"));`);
    this.addSql(`create index "checkpoint_status_due_on_index" on "checkpoint" ("status", "due_on");`);
    this.addSql(`alter table "checkpoint" add constraint "checkpoint_pathway_id_key_unique" unique ("pathway_id", "key");`);

    this.addSql(`create table "follow_up_contact" ("id" uuid not null, "pathway_id" uuid not null, "kind" varchar(20) not null, "on" varchar(10) not null, "reached" varchar(20) not null, "situation" varchar(20) null, "difficulties" jsonb not null, "justice_justification" text null, "note" text null, "next_step" text null, "checkpoint_id" uuid null, "recorded_by_id" uuid not null, "recorded_at" timestamptz not null, constraint "follow_up_contact_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_contact_pathway_id_on_index" on "follow_up_contact" ("pathway_id", "on");`);

    this.addSql(`alter table "placement" add constraint "placement_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "placement" add constraint "placement_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "placement" add constraint "placement_client_id_foreign" foreign key ("client_id") references "partner" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "placement" add constraint "placement_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "placement" add constraint "placement_started_by_id_foreign" foreign key ("started_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "checkpoint" add constraint "checkpoint_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "checkpoint" add constraint "checkpoint_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "follow_up_contact" add constraint "follow_up_contact_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "follow_up_contact" add constraint "follow_up_contact_checkpoint_id_foreign" foreign key ("checkpoint_id") references "checkpoint" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "follow_up_contact" add constraint "follow_up_contact_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "pathway" add column "exited_on" varchar(10) null, add column "exit_reason" varchar(30) null, add column "exit_comment" text null, add column "outcome_category" varchar(30) null, add column "outcome_basis" jsonb null, add column "outcome_parameters" jsonb null, add column "declared_situation" jsonb null;`);
    this.addSql(`create index "pathway_exited_on_index" on "pathway" ("exited_on");`);

    this.addSql(`alter table "pathway_event" add column "placement_id" uuid null, add column "contact_id" uuid null, add column "checkpoint_id" uuid null, add column "outcome_category" varchar(30) null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_contact_id_foreign" foreign key ("contact_id") references "follow_up_contact" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_checkpoint_id_foreign" foreign key ("checkpoint_id") references "checkpoint" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "checkpoint" drop constraint "checkpoint_placement_id_foreign";`);

    this.addSql(`alter table "pathway_event" drop constraint "pathway_event_placement_id_foreign";`);

    this.addSql(`alter table "follow_up_contact" drop constraint "follow_up_contact_checkpoint_id_foreign";`);

    this.addSql(`alter table "pathway_event" drop constraint "pathway_event_checkpoint_id_foreign";`);

    this.addSql(`alter table "pathway_event" drop constraint "pathway_event_contact_id_foreign";`);

    this.addSql(`drop table if exists "placement" cascade;`);

    this.addSql(`drop table if exists "checkpoint" cascade;`);

    this.addSql(`drop table if exists "follow_up_contact" cascade;`);

    this.addSql(`drop index "pathway_exited_on_index";`);
    this.addSql(`alter table "pathway" drop column "exited_on", drop column "exit_reason", drop column "exit_comment", drop column "outcome_category", drop column "outcome_basis", drop column "outcome_parameters", drop column "declared_situation";`);

    this.addSql(`alter table "pathway_event" drop column "placement_id", drop column "contact_id", drop column "checkpoint_id", drop column "outcome_category";`);
  }

}
