import { Migration } from '@mikro-orm/migrations';

export class Migration20261206215513_OperatorContact extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organisation" add column "contact_address" varchar(300) null, add column "contact_phone" varchar(30) null, add column "contact_email" varchar(254) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" drop column "contact_address", drop column "contact_phone", drop column "contact_email";`);
  }

}
