import { Migration } from '@mikro-orm/migrations';

export class Migration20261127070424_list_order extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`pathway_referent_id_referred_at_id_index\` on \`pathway\` (\`referent_id\`, \`referred_at\`, \`id\`);`);
    this.addSql(`create index \`pathway_operator_id_referred_at_id_index\` on \`pathway\` (\`operator_id\`, \`referred_at\`, \`id\`);`);
  }

}
