import { Migration } from '@mikro-orm/migrations';

export class Migration20261127002753_offers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`partner\` (\`id\` text not null, \`organisation_id\` text not null, \`siret\` text not null, \`search_name\` text not null, \`commune_code\` text not null, \`contact_name\` text null, \`contact_phone\` text null, \`contact_email\` text null, \`registered_by_id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`partner_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`partner_registered_by_id_foreign\` foreign key(\`registered_by_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`partner_organisation_id_unique\` on \`partner\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`partner_siret_unique\` on \`partner\` (\`siret\`);`);
    this.addSql(`create index \`partner_registered_by_id_index\` on \`partner\` (\`registered_by_id\`);`);
    this.addSql(`create index \`partner_updated_at_index\` on \`partner\` (\`updated_at\`);`);

    this.addSql(`create table \`partner_change\` (\`id\` integer not null primary key autoincrement, \`partner_id\` text not null, \`kind\` text not null, \`fields\` text not null, \`by_id\` text null, \`at\` datetime not null, constraint \`partner_change_partner_id_foreign\` foreign key(\`partner_id\`) references \`partner\`(\`id\`) on update cascade, constraint \`partner_change_by_id_foreign\` foreign key(\`by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`partner_change_partner_id_index\` on \`partner_change\` (\`partner_id\`);`);
    this.addSql(`create index \`partner_change_by_id_index\` on \`partner_change\` (\`by_id\`);`);
    this.addSql(`create index \`partner_change_partner_id_at_index\` on \`partner_change\` (\`partner_id\`, \`at\`);`);

    this.addSql(`create table \`opportunity\` (\`id\` text not null, \`kind\` text not null, \`operator_id\` text not null, \`partner_id\` text not null, \`client_id\` text null, \`title\` text not null, \`search_name\` text not null, \`rome_code\` text null, \`contract_type\` text not null, \`hours_per_week\` integer null, \`commune_code\` text not null, \`start_on\` text not null, \`end_on\` text null, \`positions\` integer null, \`qualification\` text null, \`level\` integer null, \`hires\` integer not null, \`status\` text not null, \`closed_because\` text null, \`closed_at\` datetime null, \`created_by_id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`opportunity_operator_id_foreign\` foreign key(\`operator_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`opportunity_partner_id_foreign\` foreign key(\`partner_id\`) references \`partner\`(\`id\`) on update cascade, constraint \`opportunity_client_id_foreign\` foreign key(\`client_id\`) references \`partner\`(\`id\`) on delete set null on update cascade, constraint \`opportunity_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`opportunity_operator_id_index\` on \`opportunity\` (\`operator_id\`);`);
    this.addSql(`create index \`opportunity_partner_id_index\` on \`opportunity\` (\`partner_id\`);`);
    this.addSql(`create index \`opportunity_client_id_index\` on \`opportunity\` (\`client_id\`);`);
    this.addSql(`create index \`opportunity_status_index\` on \`opportunity\` (\`status\`);`);
    this.addSql(`create index \`opportunity_created_by_id_index\` on \`opportunity\` (\`created_by_id\`);`);
    this.addSql(`create index \`opportunity_operator_id_status_updated_at_index\` on \`opportunity\` (\`operator_id\`, \`status\`, \`updated_at\`);`);

    this.addSql(`create table \`proposal\` (\`id\` text not null, \`pathway_id\` text not null, \`opportunity_id\` text not null, \`status\` text not null, \`open_key\` text null, \`proposed_at\` datetime not null, \`proposed_on\` text not null, \`last_step_on\` text not null, \`last_step_at\` datetime not null, \`reason\` text null, constraint \`proposal_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`proposal_opportunity_id_foreign\` foreign key(\`opportunity_id\`) references \`opportunity\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`proposal_opportunity_id_index\` on \`proposal\` (\`opportunity_id\`);`);
    this.addSql(`create unique index \`proposal_open_key_unique\` on \`proposal\` (\`open_key\`);`);
    this.addSql(`create index \`proposal_status_last_step_at_index\` on \`proposal\` (\`status\`, \`last_step_at\`);`);
    this.addSql(`create index \`proposal_opportunity_id_status_index\` on \`proposal\` (\`opportunity_id\`, \`status\`);`);
    this.addSql(`create index \`proposal_pathway_id_index\` on \`proposal\` (\`pathway_id\`);`);

    this.addSql(`create table \`proposal_step\` (\`id\` integer not null primary key autoincrement, \`proposal_id\` text not null, \`step\` text not null, \`on\` text not null, \`reason\` text null, \`comment\` text null, \`by_id\` text null, \`at\` datetime not null, constraint \`proposal_step_proposal_id_foreign\` foreign key(\`proposal_id\`) references \`proposal\`(\`id\`) on update cascade, constraint \`proposal_step_by_id_foreign\` foreign key(\`by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`proposal_step_by_id_index\` on \`proposal_step\` (\`by_id\`);`);
    this.addSql(`create index \`proposal_step_proposal_id_index\` on \`proposal_step\` (\`proposal_id\`);`);

    this.addSql(`alter table \`pathway_event\` add column \`proposal_id\` text null constraint \`pathway_event_proposal_id_foreign\` references \`proposal\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pathway_event\` add column \`proposal_step\` text null;`);
    this.addSql(`create index \`pathway_event_proposal_id_index\` on \`pathway_event\` (\`proposal_id\`);`);

    // Partners' organisations are keyed by name and id (two establishments may share a name).
    this.addSql(`update organisation set name_key = name_key || '#' || id where kind in ('EMPLOYER', 'TEMP_AGENCY', 'TRAINING_BODY');`);
  }

}
