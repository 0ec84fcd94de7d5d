import { Migration } from '@mikro-orm/migrations';

export class Migration20261207033107_PersonAnswersAndReminders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organisation\` add column \`reminder_delays\` json null;`);

    this.addSql(`alter table \`appointment\` add column \`answer\` text null;`);
    this.addSql(`alter table \`appointment\` add column \`answer_reason\` text null;`);
    this.addSql(`alter table \`appointment\` add column \`answer_call_back\` integer not null default false;`);
    this.addSql(`alter table \`appointment\` add column \`answered_at\` datetime null;`);

    this.addSql(`alter table \`outbox_message\` add column \`reminder_delay\` text null;`);
  }

}
