import { Migration } from '@mikro-orm/migrations';

export class Migration20261206215512_OperatorContact extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organisation\` add column \`contact_address\` text null;`);
    this.addSql(`alter table \`organisation\` add column \`contact_phone\` text null;`);
    this.addSql(`alter table \`organisation\` add column \`contact_email\` text null;`);
  }

}
