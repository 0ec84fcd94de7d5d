import { Migration } from '@mikro-orm/migrations';

export class Migration20261207010709_Convocations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "appointment" add column "sequence" int not null default 0;`);

    this.addSql(`alter table "outbox_message" add column "appointment_id" uuid null, add column "person_message" varchar(20) null, add column "appointment_sequence" int null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "outbox_message_appointment_id_index" on "outbox_message" ("appointment_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_appointment_id_foreign";`);

    this.addSql(`alter table "appointment" drop column "sequence";`);

    this.addSql(`drop index "outbox_message_appointment_id_index";`);
    this.addSql(`alter table "outbox_message" drop column "appointment_id", drop column "person_message", drop column "appointment_sequence";`);
  }

}
