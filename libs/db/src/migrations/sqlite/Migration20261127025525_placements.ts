import { Migration } from '@mikro-orm/migrations';

export class Migration20261127025525_placements extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`placement\` (\`id\` text not null, \`pathway_id\` text not null, \`contract_type\` text not null, \`partner_id\` text null, \`client_id\` text null, \`start_on\` text not null, \`planned_end_on\` text null, \`ended_on\` text null, \`end_reason\` text null, \`end_comment\` text null, \`hours_per_week\` integer null, \`qualification\` text null, \`level\` integer null, \`proposal_id\` text null, \`started_by_id\` text not null, \`created_at\` datetime not null, \`ended_at\` datetime null, \`corrected_at\` datetime null, constraint \`placement_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`placement_partner_id_foreign\` foreign key(\`partner_id\`) references \`partner\`(\`id\`) on delete set null on update cascade, constraint \`placement_client_id_foreign\` foreign key(\`client_id\`) references \`partner\`(\`id\`) on delete set null on update cascade, constraint \`placement_proposal_id_foreign\` foreign key(\`proposal_id\`) references \`proposal\`(\`id\`) on delete set null on update cascade, constraint \`placement_started_by_id_foreign\` foreign key(\`started_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`placement_partner_id_index\` on \`placement\` (\`partner_id\`);`);
    this.addSql(`create index \`placement_client_id_index\` on \`placement\` (\`client_id\`);`);
    this.addSql(`create unique index \`placement_proposal_id_unique\` on \`placement\` (\`proposal_id\`);`);
    this.addSql(`create index \`placement_started_by_id_index\` on \`placement\` (\`started_by_id\`);`);
    this.addSql(`create index \`placement_start_on_index\` on \`placement\` (\`start_on\`);`);
    this.addSql(`create index \`placement_pathway_id_index\` on \`placement\` (\`pathway_id\`);`);

    this.addSql(`create table \`checkpoint\` (\`id\` text not null, \`pathway_id\` text not null, \`key\` text not null, \`kind\` text not null, \`offset\` text null, \`placement_id\` text null, \`due_on\` text not null, \`status\` text not null, \`missed_at\` datetime null, \`recorded_at\` datetime null, constraint \`checkpoint_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`checkpoint_placement_id_foreign\` foreign key(\`placement_id\`) references \`placement\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`checkpoint_pathway_id_index\` on \`checkpoint\` (\`pathway_id\`);`);
    this.addSql(`create index \`checkpoint_placement_id_index\` on \`checkpoint\` (\`placement_id\`);`);
    this.addSql(`create index \`checkpoint_status_due_on_index\` on \`checkpoint\` (\`status\`, \`due_on\`);`);
    this.addSql(`create unique index \`checkpoint_pathway_id_key_unique\` on \`checkpoint\` (\`pathway_id\`, \`key\`);`);

    this.addSql(`create table \`follow_up_contact\` (\`id\` text not null, \`pathway_id\` text not null, \`kind\` text not null, \`on\` text not null, \`reached\` text not null, \`situation\` text null, \`difficulties\` json not null, \`justice_justification\` text null, \`note\` text null, \`next_step\` text null, \`checkpoint_id\` text null, \`recorded_by_id\` text not null, \`recorded_at\` datetime not null, constraint \`follow_up_contact_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`follow_up_contact_checkpoint_id_foreign\` foreign key(\`checkpoint_id\`) references \`checkpoint\`(\`id\`) on delete set null on update cascade, constraint \`follow_up_contact_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`follow_up_contact_pathway_id_index\` on \`follow_up_contact\` (\`pathway_id\`);`);
    this.addSql(`create index \`follow_up_contact_checkpoint_id_index\` on \`follow_up_contact\` (\`checkpoint_id\`);`);
    this.addSql(`create index \`follow_up_contact_recorded_by_id_index\` on \`follow_up_contact\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`follow_up_contact_pathway_id_on_index\` on \`follow_up_contact\` (\`pathway_id\`, \`on\`);`);

    this.addSql(`alter table \`pathway\` add column \`exited_on\` text null;`);
    this.addSql(`alter table \`pathway\` add column \`exit_reason\` text null;`);
    this.addSql(`alter table \`pathway\` add column \`exit_comment\` text null;`);
    this.addSql(`alter table \`pathway\` add column \`outcome_category\` text null;`);
    this.addSql(`alter table \`pathway\` add column \`outcome_basis\` json null;`);
    this.addSql(`alter table \`pathway\` add column \`outcome_parameters\` json null;`);
    this.addSql(`alter table \`pathway\` add column \`declared_situation\` json null;`);
    this.addSql(`create index \`pathway_exited_on_index\` on \`pathway\` (\`exited_on\`);`);

    // One foreign key per column (the generator put all three on placement_id).
    this.addSql(`alter table \`pathway_event\` add column \`placement_id\` text null constraint \`pathway_event_placement_id_foreign\` references \`placement\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pathway_event\` add column \`contact_id\` text null constraint \`pathway_event_contact_id_foreign\` references \`follow_up_contact\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pathway_event\` add column \`checkpoint_id\` text null constraint \`pathway_event_checkpoint_id_foreign\` references \`checkpoint\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pathway_event\` add column \`outcome_category\` text null;`);
    this.addSql(`create index \`pathway_event_placement_id_index\` on \`pathway_event\` (\`placement_id\`);`);
    this.addSql(`create index \`pathway_event_contact_id_index\` on \`pathway_event\` (\`contact_id\`);`);
    this.addSql(`create index \`pathway_event_checkpoint_id_index\` on \`pathway_event\` (\`checkpoint_id\`);`);
  }

}
