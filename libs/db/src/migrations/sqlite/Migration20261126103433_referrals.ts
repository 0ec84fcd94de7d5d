import { Migration } from '@mikro-orm/migrations';

export class Migration20261126103433_referrals extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`user_id\` text null, \`role\` text not null, \`organisation_id\` text null, \`request_id\` text null, \`operation\` text not null, \`action\` text not null, \`participant_id\` text not null, \`object_type\` text not null, \`object_id\` text not null, \`fields\` text not null, \`reason\` text null);`);
    this.addSql(`create index \`audit_entry_at_index\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_user_id_at_index\` on \`audit_entry\` (\`user_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entry_participant_id_at_index\` on \`audit_entry\` (\`participant_id\`, \`at\`);`);

    this.addSql(`create table \`participant\` (\`id\` text not null, \`last_name\` text not null, \`first_names\` text not null, \`birth_date\` text null, \`identity_key\` text not null, \`search_name\` text not null, \`sex\` text null, \`phone\` text null, \`email\` text null, \`address_line\` text not null, \`postal_code\` text not null, \`commune_code\` text not null, \`rsa_status\` text not null, \`france_travail_registered\` integer not null, \`france_travail_id\` text null, \`france_travail_missing_reason\` text null, \`education_level\` text not null, \`informed_on\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`anonymised_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`participant_identity_key_unique\` on \`participant\` (\`identity_key\`);`);
    this.addSql(`create index \`participant_search_name_index\` on \`participant\` (\`search_name\`);`);
    this.addSql(`create index \`participant_commune_code_index\` on \`participant\` (\`commune_code\`);`);
    this.addSql(`create unique index \`participant_france_travail_id_unique\` on \`participant\` (\`france_travail_id\`);`);

    this.addSql(`create table \`refused_referral\` (\`id\` text not null, \`referent_id\` text not null, \`prescriber_id\` text not null, \`operator_id\` text not null, \`commune_code\` text not null, \`refused_on\` text not null, \`unmet_codes\` text not null, \`at\` datetime not null, constraint \`refused_referral_referent_id_foreign\` foreign key(\`referent_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`refused_referral_prescriber_id_foreign\` foreign key(\`prescriber_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`refused_referral_operator_id_foreign\` foreign key(\`operator_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`refused_referral_referent_id_index\` on \`refused_referral\` (\`referent_id\`);`);
    this.addSql(`create index \`refused_referral_prescriber_id_index\` on \`refused_referral\` (\`prescriber_id\`);`);
    this.addSql(`create index \`refused_referral_operator_id_index\` on \`refused_referral\` (\`operator_id\`);`);
    this.addSql(`create index \`refused_referral_refused_on_index\` on \`refused_referral\` (\`refused_on\`);`);

    this.addSql(`create table \`pathway\` (\`id\` text not null, \`participant_id\` text not null, \`operator_id\` text not null, \`referent_id\` text not null, \`counsellor_id\` text null, \`status\` text not null, \`open_key\` text null, \`referred_at\` datetime not null, \`referred_on\` text not null, \`referral_commune_code\` text not null, \`age_at_referral\` integer not null, \`referral_rsa_status\` text not null, \`justice_justification\` text null, \`eligibility_reasons\` text not null, \`decline_reason\` text null, \`decline_comment\` text null, \`accepted_at\` datetime null, \`closed_at\` datetime null, \`last_changed_at\` datetime not null, constraint \`pathway_participant_id_foreign\` foreign key(\`participant_id\`) references \`participant\`(\`id\`) on update cascade, constraint \`pathway_operator_id_foreign\` foreign key(\`operator_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`pathway_referent_id_foreign\` foreign key(\`referent_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`pathway_counsellor_id_foreign\` foreign key(\`counsellor_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`pathway_participant_id_index\` on \`pathway\` (\`participant_id\`);`);
    this.addSql(`create index \`pathway_operator_id_index\` on \`pathway\` (\`operator_id\`);`);
    this.addSql(`create index \`pathway_referent_id_index\` on \`pathway\` (\`referent_id\`);`);
    this.addSql(`create index \`pathway_counsellor_id_index\` on \`pathway\` (\`counsellor_id\`);`);
    this.addSql(`create index \`pathway_status_index\` on \`pathway\` (\`status\`);`);
    this.addSql(`create unique index \`pathway_open_key_unique\` on \`pathway\` (\`open_key\`);`);
    this.addSql(`create index \`pathway_referred_on_index\` on \`pathway\` (\`referred_on\`);`);
    this.addSql(`create index \`pathway_referent_id_status_index\` on \`pathway\` (\`referent_id\`, \`status\`);`);
    this.addSql(`create index \`pathway_operator_id_status_index\` on \`pathway\` (\`operator_id\`, \`status\`);`);

    this.addSql(`create table \`referral_barrier\` (\`id\` text not null, \`pathway_id\` text not null, \`theme\` text not null, constraint \`referral_barrier_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_barrier_pathway_id_index\` on \`referral_barrier\` (\`pathway_id\`);`);
    this.addSql(`create unique index \`referral_barrier_pathway_id_theme_unique\` on \`referral_barrier\` (\`pathway_id\`, \`theme\`);`);

    this.addSql(`create table \`pathway_event\` (\`id\` integer not null primary key autoincrement, \`pathway_id\` text not null, \`kind\` text not null, \`at\` datetime not null, \`by_id\` text null, \`from_status\` text null, \`to_status\` text null, \`reason\` text null, \`comment\` text null, \`details\` text null, constraint \`pathway_event_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`pathway_event_by_id_foreign\` foreign key(\`by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`pathway_event_pathway_id_index\` on \`pathway_event\` (\`pathway_id\`);`);
    this.addSql(`create index \`pathway_event_by_id_index\` on \`pathway_event\` (\`by_id\`);`);
    this.addSql(`create index \`pathway_event_pathway_id_at_index\` on \`pathway_event\` (\`pathway_id\`, \`at\`);`);
  }

}
