import { Migration } from '@mikro-orm/migrations';

export class Migration20261126104326_diagnostics_reports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`referent_report\` (\`id\` text not null, \`pathway_id\` text not null, \`referent_id\` text not null, \`kind\` text not null, \`correction\` integer not null, \`summary\` json not null, \`counsellor_summary\` text null, \`event_at\` datetime not null, \`reported_on\` text not null, \`due_on\` text not null, \`acknowledged_at\` datetime null, constraint \`referent_report_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`referent_report_referent_id_foreign\` foreign key(\`referent_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referent_report_pathway_id_index\` on \`referent_report\` (\`pathway_id\`);`);
    this.addSql(`create index \`referent_report_referent_id_index\` on \`referent_report\` (\`referent_id\`);`);
    this.addSql(`create index \`referent_report_referent_id_acknowledged_at_due_on_index\` on \`referent_report\` (\`referent_id\`, \`acknowledged_at\`, \`due_on\`);`);

    this.addSql(`create table \`appointment\` (\`id\` text not null, \`pathway_id\` text not null, \`counsellor_id\` text not null, \`starts_at\` datetime not null, \`channel\` text not null, \`place\` text null, \`status\` text not null default 'PLANNED', \`outcome_at\` datetime null, \`created_at\` datetime not null, constraint \`appointment_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`appointment_counsellor_id_foreign\` foreign key(\`counsellor_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`appointment_pathway_id_index\` on \`appointment\` (\`pathway_id\`);`);
    this.addSql(`create index \`appointment_counsellor_id_index\` on \`appointment\` (\`counsellor_id\`);`);
    this.addSql(`create index \`appointment_status_index\` on \`appointment\` (\`status\`);`);
    this.addSql(`create index \`appointment_pathway_id_status_index\` on \`appointment\` (\`pathway_id\`, \`status\`);`);

    this.addSql(`create table \`diagnostic\` (\`id\` text not null, \`pathway_id\` text not null, \`appointment_id\` text not null, \`recorded_by_id\` text not null, \`assessments\` json not null, \`notes\` json null, \`target_jobs\` json not null, \`contract_types\` json not null, \`working_time\` text not null, \`mobility_radius_km\` integer null, \`available_from\` text null, \`strengths\` text null, \`readiness\` text not null, \`summary\` text not null, \`recorded_at\` datetime not null, \`recorded_on\` text not null, \`corrected_at\` datetime null, constraint \`diagnostic_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`diagnostic_appointment_id_foreign\` foreign key(\`appointment_id\`) references \`appointment\`(\`id\`) on update cascade, constraint \`diagnostic_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`diagnostic_pathway_id_index\` on \`diagnostic\` (\`pathway_id\`);`);
    this.addSql(`create unique index \`diagnostic_appointment_id_unique\` on \`diagnostic\` (\`appointment_id\`);`);
    this.addSql(`create index \`diagnostic_recorded_by_id_index\` on \`diagnostic\` (\`recorded_by_id\`);`);

    this.addSql(`alter table \`pathway_event\` add column \`report_kind\` text null;`);
  }

}
