import { Migration } from '@mikro-orm/migrations';

export class Migration20261207085504_ReferralImports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`referral_import_mapping\` (\`id\` text not null, \`organisation_id\` text not null, \`columns\` json not null, \`updated_at\` datetime not null, constraint \`referral_import_mapping_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_import_mapping_organisation_id_index\` on \`referral_import_mapping\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`referral_import_mapping_organisation_id_unique\` on \`referral_import_mapping\` (\`organisation_id\`);`);

    this.addSql(`create table \`referral_import\` (\`id\` text not null, \`uploaded_by_id\` text not null, \`referent_id\` text not null, \`organisation_id\` text not null, \`file_name\` text not null, \`format\` text not null, \`status\` text not null, \`headers\` json not null, \`cells\` json null, \`line_count\` integer not null, \`mapping\` json not null, \`choices\` json not null, \`counts\` json null, \`created_at\` datetime not null, \`confirmed_at\` datetime null, \`ended_at\` datetime null, \`lease_until\` datetime null, \`leased_by\` text null, constraint \`referral_import_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`referral_import_referent_id_foreign\` foreign key(\`referent_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`referral_import_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_import_uploaded_by_id_index\` on \`referral_import\` (\`uploaded_by_id\`);`);
    this.addSql(`create index \`referral_import_referent_id_index\` on \`referral_import\` (\`referent_id\`);`);
    this.addSql(`create index \`referral_import_organisation_id_index\` on \`referral_import\` (\`organisation_id\`);`);
    this.addSql(`create index \`referral_import_status_index\` on \`referral_import\` (\`status\`);`);
    this.addSql(`create index \`referral_import_uploaded_by_id_created_at_index\` on \`referral_import\` (\`uploaded_by_id\`, \`created_at\`);`);

    this.addSql(`create table \`referral_import_line\` (\`id\` text not null, \`referral_import_id\` text not null, \`line\` integer not null, \`verdict\` text not null, \`problems\` json not null, \`known_before\` integer not null, \`pathway_id\` text null, \`done\` integer not null, constraint \`referral_import_line_referral_import_id_foreign\` foreign key(\`referral_import_id\`) references \`referral_import\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_import_line_referral_import_id_index\` on \`referral_import_line\` (\`referral_import_id\`);`);
    this.addSql(`create unique index \`referral_import_line_referral_import_id_line_unique\` on \`referral_import_line\` (\`referral_import_id\`, \`line\`);`);

    this.addSql(`alter table \`refused_referral\` add column \`dedupe_key\` text null;`);
    this.addSql(`create unique index \`refused_referral_dedupe_key_unique\` on \`refused_referral\` (\`dedupe_key\`);`);
  }

}
