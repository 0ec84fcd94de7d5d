import { Migration } from '@mikro-orm/migrations';
import { convertHistory } from '../journey-core-history';

/** Journey core: a version per pathway; the history's strings become typed columns (rows converted). */
export class Migration20261126153534_journey_core extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "pathway" add column "version" int not null default 1;`);
    this.addSql(
      `alter table "pathway_event" add column "type" varchar(40) null, add column "from_user_id" uuid null, add column "to_user_id" uuid null, add column "appointment_id" uuid null, add column "diagnostic_id" uuid null, add column "fields" varchar(1000) null;`,
    );
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_from_user_id_foreign" foreign key ("from_user_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_to_user_id_foreign" foreign key ("to_user_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pathway_event" add constraint "pathway_event_diagnostic_id_foreign" foreign key ("diagnostic_id") references "diagnostic" ("id") on update cascade on delete set null;`);
    for (const statement of convertHistory((text) => `(${text})::uuid`)) this.addSql(statement);
    this.addSql(`alter table "pathway_event" alter column "type" set not null;`);
    this.addSql(`alter table "pathway_event" drop column "kind", drop column "details", drop column "report_kind";`);
  }
}

