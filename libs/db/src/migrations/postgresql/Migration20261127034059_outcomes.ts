import { Migration } from '@mikro-orm/migrations';
import { backfillReadColumns } from '../outcomes-read-columns';

export class Migration20261127034059_outcomes extends Migration {

  override async up(): Promise<void> {
    await this.execute(`create table "convention" ("id" uuid not null, "operator_id" uuid not null, "funder_id" uuid not null, "title" varchar(200) not null, "budget_line" varchar(100) not null, "start_on" varchar(10) not null, "end_on" varchar(10) not null, "target_participants" int not null, "amount_cents" bigint not null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "convention_pkey" primary key ("id"));`);
    await this.execute(`create index "convention_funder_id_index" on "convention" ("funder_id");`);
    await this.execute(`create index "convention_operator_id_index" on "convention" ("operator_id");`);

    await this.execute(`alter table "convention" add constraint "convention_operator_id_foreign" foreign key ("operator_id") references "organisation" ("id") on update cascade;`);
    await this.execute(`alter table "convention" add constraint "convention_funder_id_foreign" foreign key ("funder_id") references "organisation" ("id") on update cascade;`);
    await this.execute(`alter table "convention" add constraint "convention_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);

    await this.execute(`alter table "audit_entry" alter column "participant_id" type varchar(36) using ("participant_id"::varchar(36));`);
    await this.execute(`alter table "audit_entry" alter column "participant_id" drop not null;`);
    await this.execute(`alter table "audit_entry" alter column "object_id" type varchar(60) using ("object_id"::varchar(60));`);

    await this.execute(`alter table "pathway" add column "prescriber_id" uuid null, add column "accepted_on" varchar(10) null, add column "closed_on" varchar(10) null;`);
    await this.execute(`alter table "pathway" add constraint "pathway_prescriber_id_foreign" foreign key ("prescriber_id") references "organisation" ("id") on update cascade on delete set null;`);
    await this.execute(`create index "pathway_closed_on_index" on "pathway" ("closed_on");`);

    await this.execute(`alter table "referent_report" add column "acknowledged_on" varchar(10) null;`);

    await this.execute(`alter table "appointment" add column "starts_on" varchar(10) null;`);
    await this.execute(`create index "appointment_starts_on_index" on "appointment" ("starts_on");`);
    await this.execute(`alter table "pathway" add column "outcome_contract_type" varchar(30) null;`);
    await backfillReadColumns((sql, params) => this.execute(sql, params));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "convention" cascade;`);

    this.addSql(`alter table "pathway" drop constraint "pathway_prescriber_id_foreign";`);

    this.addSql(`drop index "appointment_starts_on_index";`);
    this.addSql(`alter table "appointment" drop column "starts_on";`);

    this.addSql(`alter table "audit_entry" alter column "participant_id" type varchar(36) using ("participant_id"::varchar(36));`);
    this.addSql(`alter table "audit_entry" alter column "participant_id" set not null;`);
    this.addSql(`alter table "audit_entry" alter column "object_id" type varchar(36) using ("object_id"::varchar(36));`);

    this.addSql(`drop index "pathway_closed_on_index";`);
    this.addSql(`alter table "pathway" drop column "prescriber_id", drop column "accepted_on", drop column "closed_on", drop column "outcome_contract_type";`);

    this.addSql(`alter table "referent_report" drop column "acknowledged_on";`);
  }

}
