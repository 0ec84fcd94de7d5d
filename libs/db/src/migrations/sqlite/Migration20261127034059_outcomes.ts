import { Migration } from '@mikro-orm/migrations';
import { backfillReadColumns } from '../outcomes-read-columns';

export class Migration20261127034059_outcomes extends Migration {

  override async up(): Promise<void> {
    await this.execute(`create table \`convention\` (\`id\` text not null, \`operator_id\` text not null, \`funder_id\` text not null, \`title\` text not null, \`budget_line\` text not null, \`start_on\` text not null, \`end_on\` text not null, \`target_participants\` integer not null, \`amount_cents\` bigint not null, \`created_by_id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`convention_operator_id_foreign\` foreign key(\`operator_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`convention_funder_id_foreign\` foreign key(\`funder_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`convention_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    await this.execute(`create index \`convention_created_by_id_index\` on \`convention\` (\`created_by_id\`);`);
    await this.execute(`create index \`convention_funder_id_index\` on \`convention\` (\`funder_id\`);`);
    await this.execute(`create index \`convention_operator_id_index\` on \`convention\` (\`operator_id\`);`);

    // audit_entry is rebuilt to let participant_id be null (SQLite alters no column): it has no foreign keys.
    await this.execute(`create table \`audit_entry__temp_alter\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`user_id\` text null, \`role\` text not null, \`organisation_id\` text null, \`request_id\` text null, \`operation\` text not null, \`action\` text not null, \`participant_id\` text null, \`object_type\` text not null, \`object_id\` text not null, \`fields\` text not null, \`reason\` text null);`);
    await this.execute(`insert into \`audit_entry__temp_alter\` select \`id\`, \`at\`, \`user_id\`, \`role\`, \`organisation_id\`, \`request_id\`, \`operation\`, \`action\`, \`participant_id\`, \`object_type\`, \`object_id\`, \`fields\`, \`reason\` from \`audit_entry\`;`);
    await this.execute(`drop table \`audit_entry\`;`);
    await this.execute(`alter table \`audit_entry__temp_alter\` rename to \`audit_entry\`;`);
    await this.execute(`create index \`audit_entry_at_index\` on \`audit_entry\` (\`at\`);`);
    await this.execute(`create index \`audit_entry_user_id_at_index\` on \`audit_entry\` (\`user_id\`, \`at\`);`);
    await this.execute(`create index \`audit_entry_participant_id_at_index\` on \`audit_entry\` (\`participant_id\`, \`at\`);`);
    await this.execute(`alter table \`pathway\` add column \`prescriber_id\` text null constraint \`pathway_prescriber_id_foreign\` references \`organisation\` (\`id\`) on update cascade on delete set null;`);
    await this.execute(`alter table \`pathway\` add column \`accepted_on\` text null;`);
    await this.execute(`alter table \`pathway\` add column \`closed_on\` text null;`);
    await this.execute(`create index \`pathway_prescriber_id_index\` on \`pathway\` (\`prescriber_id\`);`);
    await this.execute(`create index \`pathway_closed_on_index\` on \`pathway\` (\`closed_on\`);`);

    await this.execute(`alter table \`referent_report\` add column \`acknowledged_on\` text null;`);

    await this.execute(`alter table \`appointment\` add column \`starts_on\` text null;`);
    await this.execute(`create index \`appointment_starts_on_index\` on \`appointment\` (\`starts_on\`);`);
    await this.execute(`alter table \`pathway\` add column \`outcome_contract_type\` text null;`);
    await backfillReadColumns((sql, params) => this.execute(sql, params));
  }

}
