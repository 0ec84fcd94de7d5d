import { Migration } from '@mikro-orm/migrations';
import { convertHistory } from '../journey-core-history';

/** Journey core: a version per pathway; the history's strings become typed columns (rows converted). */
export class Migration20261126153534_journey_core extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`pathway\` add column \`version\` integer not null default 1;`);
    this.addSql(`alter table \`pathway_event\` add column \`type\` text null;`);
    for (const [column, table] of [['from_user_id', 'app_user'], ['to_user_id', 'app_user'], ['appointment_id', 'appointment'], ['diagnostic_id', 'diagnostic']]) {
      this.addSql(`alter table \`pathway_event\` add column \`${column}\` text null references \`${table}\` (\`id\`) on update cascade on delete set null;`);
    }
    this.addSql(`alter table \`pathway_event\` add column \`fields\` text null;`);
    for (const statement of convertHistory((text) => text)) this.addSql(statement);
    // SQLite cannot make a column NOT NULL in place: `kind` keeps its NOT NULL and takes the new name.
    this.addSql(`update \`pathway_event\` set \`kind\` = \`type\`;`);
    this.addSql(`alter table \`pathway_event\` drop column \`type\`;`);
    this.addSql(`alter table \`pathway_event\` rename column \`kind\` to \`type\`;`);
    this.addSql(`alter table \`pathway_event\` drop column \`details\`;`);
    this.addSql(`alter table \`pathway_event\` drop column \`report_kind\`;`);
    this.addSql(`create index \`pathway_event_from_user_id_index\` on \`pathway_event\` (\`from_user_id\`);`);
    this.addSql(`create index \`pathway_event_to_user_id_index\` on \`pathway_event\` (\`to_user_id\`);`);
    this.addSql(`create index \`pathway_event_appointment_id_index\` on \`pathway_event\` (\`appointment_id\`);`);
    this.addSql(`create index \`pathway_event_diagnostic_id_index\` on \`pathway_event\` (\`diagnostic_id\`);`);
  }
}
