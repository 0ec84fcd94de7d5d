import { Migration } from '@mikro-orm/migrations';

export class Migration20261206025754_hardening extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`spent_link\` (\`id\` text not null, \`expires_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`spent_link_expires_at_index\` on \`spent_link\` (\`expires_at\`);`);
  }

}
