import { Migration } from '@mikro-orm/migrations';

export class Migration20261207034539_AppointmentReminded extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`appointment\` add column \`reminded_at\` datetime null;`);
  }

}
