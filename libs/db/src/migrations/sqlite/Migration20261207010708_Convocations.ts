import { Migration } from '@mikro-orm/migrations';

export class Migration20261207010708_Convocations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`appointment\` add column \`sequence\` integer not null default 0;`);

    this.addSql(`alter table \`outbox_message\` add column \`appointment_id\` text null constraint \`outbox_message_appointment_id_foreign\` references \`appointment\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outbox_message\` add column \`person_message\` text null;`);
    this.addSql(`alter table \`outbox_message\` add column \`appointment_sequence\` integer null;`);
    this.addSql(`create index \`outbox_message_appointment_id_index\` on \`outbox_message\` (\`appointment_id\`);`);
  }

}
