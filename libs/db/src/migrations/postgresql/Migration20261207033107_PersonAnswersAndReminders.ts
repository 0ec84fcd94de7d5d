import { Migration } from '@mikro-orm/migrations';

export class Migration20261207033107_PersonAnswersAndReminders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organisation" add column "reminder_delays" jsonb null;`);

    this.addSql(`alter table "appointment" add column "answer" varchar(12) null, add column "answer_reason" varchar(300) null, add column "answer_call_back" boolean not null default false, add column "answered_at" timestamptz null;`);

    this.addSql(`alter table "outbox_message" add column "reminder_delay" varchar(12) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "appointment" drop column "answer", drop column "answer_reason", drop column "answer_call_back", drop column "answered_at";`);

    this.addSql(`alter table "organisation" drop column "reminder_delays";`);

    this.addSql(`alter table "outbox_message" drop column "reminder_delay";`);
  }

}
