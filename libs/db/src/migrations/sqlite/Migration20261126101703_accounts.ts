import { Migration } from '@mikro-orm/migrations';

export class Migration20261126101703_accounts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`login_failure\` (\`id\` text not null, \`key\` text not null, \`failed_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`login_failure_key_failed_at_index\` on \`login_failure\` (\`key\`, \`failed_at\`);`);

    this.addSql(`create table \`organisation\` (\`id\` text not null, \`name\` text not null, \`name_key\` text not null, \`kind\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`organisation_name_key_unique\` on \`organisation\` (\`name_key\`);`);
    this.addSql(`create index \`organisation_kind_index\` on \`organisation\` (\`kind\`);`);

    this.addSql(`create table \`app_user\` (\`id\` text not null, \`organisation_id\` text not null, \`role\` text not null, \`email\` text not null, \`email_key\` text not null, \`full_name\` text not null, \`search_name\` text not null, \`password_hash\` text not null, \`deactivated_at\` datetime null, \`password_changed_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`app_user_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`app_user_organisation_id_index\` on \`app_user\` (\`organisation_id\`);`);
    this.addSql(`create index \`app_user_role_index\` on \`app_user\` (\`role\`);`);
    this.addSql(`create unique index \`app_user_email_key_unique\` on \`app_user\` (\`email_key\`);`);
    this.addSql(`create index \`app_user_search_name_index\` on \`app_user\` (\`search_name\`);`);

    this.addSql(`create table \`session\` (\`id\` text not null, \`user_id\` text not null, \`refresh_token_hash\` text not null, \`refresh_expires_at\` datetime not null, \`created_at\` datetime not null, \`last_refreshed_at\` datetime not null, \`ended_at\` datetime null, \`end_reason\` text null, constraint \`session_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`session_user_id_index\` on \`session\` (\`user_id\`);`);
    this.addSql(`create index \`session_user_id_ended_at_index\` on \`session\` (\`user_id\`, \`ended_at\`);`);
  }

}
