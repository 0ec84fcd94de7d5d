import { Migration } from '@mikro-orm/migrations';

export class Migration20261207002535_PathwayListOrders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "pathway" add column "last_contact_on" varchar(10) not null default '0001-01-01', add column "next_appointment_at" timestamptz null;`);
    // The sort columns start from what the pathways hold: the last contact that reached the person or
    // the last interview held, and the interview still planned (Pathway.keepListOrders keeps them after).
    this.addSql(`update "pathway" set "last_contact_on" = greatest(
      coalesce((select max(c."on") from "follow_up_contact" c where c."pathway_id" = "pathway"."id" and c."reached" in ('PARTICIPANT', 'BOTH')), '0001-01-01'),
      coalesce((select max(a."starts_on") from "appointment" a where a."pathway_id" = "pathway"."id" and a."status" = 'HELD'), '0001-01-01'));`);
    this.addSql(`update "pathway" set "next_appointment_at" = coalesce(
      (select min(a."starts_at") from "appointment" a where a."pathway_id" = "pathway"."id" and a."status" = 'PLANNED'), '9999-12-31T00:00:00.000Z');`);
    this.addSql(`create index "pathway_operator_id_next_appointment_at_id_index" on "pathway" ("operator_id", "next_appointment_at", "id");`);
    this.addSql(`create index "pathway_operator_id_last_contact_on_id_index" on "pathway" ("operator_id", "last_contact_on", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "pathway_operator_id_next_appointment_at_id_index";`);
    this.addSql(`drop index "pathway_operator_id_last_contact_on_id_index";`);
    this.addSql(`alter table "pathway" drop column "last_contact_on", drop column "next_appointment_at";`);
  }

}
