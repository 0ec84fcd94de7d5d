import { Migration } from '@mikro-orm/migrations';

export class Migration20261127114934_account_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`account_token\` (\`id\` text not null, \`user_id\` text not null, \`purpose\` text not null, \`secret_hash\` text not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, \`ended_at\` datetime null, \`end_reason\` text null, constraint \`account_token_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_token_user_id_index\` on \`account_token\` (\`user_id\`);`);
    this.addSql(`create index \`account_token_user_id_ended_at_index\` on \`account_token\` (\`user_id\`, \`ended_at\`);`);

    this.addSql(`create table \`account_event\` (\`id\` integer not null primary key autoincrement, \`user_id\` text not null, \`type\` text not null, \`at\` datetime not null, \`by_user_id\` text null, \`detail\` json null, constraint \`account_event_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`account_event_user_id_index\` on \`account_event\` (\`user_id\`);`);
    this.addSql(`create index \`account_event_user_id_at_index\` on \`account_event\` (\`user_id\`, \`at\`);`);

    this.addSql(`alter table \`app_user\` add column \`password_set\` integer not null default true;`);

    // outbox_message is rebuilt to let report_id be null and add account_token_id (SQLite alters no column): nothing refers to it.
    this.addSql(`create table \`outbox_message__temp_alter\` (\`id\` text not null, \`report_id\` text null, \`account_token_id\` text null, \`channel\` text not null default 'EMAIL', \`idempotency_key\` text not null, \`status\` text not null default 'PENDING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`leased_by\` text null, \`lease_expires_at\` datetime null, \`smtp_code\` integer null, \`last_error\` text null, \`skip_reason\` text null, \`created_at\` datetime not null, \`finished_at\` datetime null, constraint \`outbox_message_report_id_foreign\` foreign key(\`report_id\`) references \`referent_report\`(\`id\`) on update cascade on delete set null, constraint \`outbox_message_account_token_id_foreign\` foreign key(\`account_token_id\`) references \`account_token\`(\`id\`) on update cascade on delete set null, primary key (\`id\`));`);
    this.addSql(`insert into \`outbox_message__temp_alter\` (\`id\`, \`report_id\`, \`channel\`, \`idempotency_key\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`leased_by\`, \`lease_expires_at\`, \`smtp_code\`, \`last_error\`, \`skip_reason\`, \`created_at\`, \`finished_at\`) select \`id\`, \`report_id\`, \`channel\`, \`idempotency_key\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`leased_by\`, \`lease_expires_at\`, \`smtp_code\`, \`last_error\`, \`skip_reason\`, \`created_at\`, \`finished_at\` from \`outbox_message\`;`);
    this.addSql(`drop table \`outbox_message\`;`);
    this.addSql(`alter table \`outbox_message__temp_alter\` rename to \`outbox_message\`;`);
    this.addSql(`create index \`outbox_message_report_id_index\` on \`outbox_message\` (\`report_id\`);`);
    this.addSql(`create index \`outbox_message_account_token_id_index\` on \`outbox_message\` (\`account_token_id\`);`);
    this.addSql(`create unique index \`outbox_message_idempotency_key_unique\` on \`outbox_message\` (\`idempotency_key\`);`);
    this.addSql(`create index \`outbox_message_status_next_attempt_at_index\` on \`outbox_message\` (\`status\`, \`next_attempt_at\`);`);
  }

}
