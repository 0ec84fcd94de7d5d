import { Migration } from '@mikro-orm/migrations';

export class Migration20261207060543_StaffNotifications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`staff_notification\` (\`id\` text not null, \`recipient_id\` text not null, \`kind\` text not null, \`pathway_id\` text not null, \`item_id\` text not null, \`due_on\` text null, \`key\` text not null, \`created_at\` datetime not null, \`read_at\` datetime null, constraint \`staff_notification_recipient_id_foreign\` foreign key(\`recipient_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`staff_notification_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`staff_notification_recipient_id_index\` on \`staff_notification\` (\`recipient_id\`);`);
    this.addSql(`create index \`staff_notification_read_at_index\` on \`staff_notification\` (\`read_at\`);`);
    this.addSql(`create index \`staff_notification_pathway_id_index\` on \`staff_notification\` (\`pathway_id\`);`);
    this.addSql(`create index \`staff_notification_recipient_id_created_at_index\` on \`staff_notification\` (\`recipient_id\`, \`created_at\`);`);
    this.addSql(`create unique index \`staff_notification_recipient_id_key_unique\` on \`staff_notification\` (\`recipient_id\`, \`key\`);`);
  }

}
