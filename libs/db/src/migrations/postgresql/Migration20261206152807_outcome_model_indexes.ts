import { Migration } from '@mikro-orm/migrations';

export class Migration20261206152807_outcome_model_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "referent_report_pathway_id_index" on "referent_report" ("pathway_id");`);

    this.addSql(`create index "follow_up_contact_checkpoint_id_index" on "follow_up_contact" ("checkpoint_id");`);

    this.addSql(`create index "diagnostic_pathway_id_index" on "diagnostic" ("pathway_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "diagnostic_pathway_id_index";`);

    this.addSql(`drop index "follow_up_contact_checkpoint_id_index";`);

    this.addSql(`drop index "referent_report_pathway_id_index";`);
  }

}
