import { Migration } from '@mikro-orm/migrations';

export class Migration20261126211245_report_emails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`report_id\` text not null, \`channel\` text not null default 'EMAIL', \`idempotency_key\` text not null, \`status\` text not null default 'PENDING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`leased_by\` text null, \`lease_expires_at\` datetime null, \`smtp_code\` integer null, \`last_error\` text null, \`skip_reason\` text null, \`created_at\` datetime not null, \`finished_at\` datetime null, constraint \`outbox_message_report_id_foreign\` foreign key(\`report_id\`) references \`referent_report\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_report_id_index\` on \`outbox_message\` (\`report_id\`);`);
    this.addSql(`create unique index \`outbox_message_idempotency_key_unique\` on \`outbox_message\` (\`idempotency_key\`);`);
    this.addSql(`create index \`outbox_message_status_next_attempt_at_index\` on \`outbox_message\` (\`status\`, \`next_attempt_at\`);`);

    this.addSql(`alter table \`app_user\` add column \`report_emails\` integer not null default true;`);
  }

}
