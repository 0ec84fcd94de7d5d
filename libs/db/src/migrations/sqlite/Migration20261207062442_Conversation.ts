import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062442_Conversation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pathway_message\` (\`id\` text not null, \`pathway_id\` text not null, \`author_id\` text not null, \`text\` text null, \`written_at\` datetime not null, constraint \`pathway_message_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`pathway_message_author_id_foreign\` foreign key(\`author_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`pathway_message_pathway_id_index\` on \`pathway_message\` (\`pathway_id\`);`);
    this.addSql(`create index \`pathway_message_author_id_index\` on \`pathway_message\` (\`author_id\`);`);
    this.addSql(`create index \`pathway_message_pathway_id_written_at_index\` on \`pathway_message\` (\`pathway_id\`, \`written_at\`);`);

    this.addSql(`create table \`conversation_read\` (\`id\` text not null, \`pathway_id\` text not null, \`reader_id\` text not null, \`read_at\` datetime not null, constraint \`conversation_read_pathway_id_foreign\` foreign key(\`pathway_id\`) references \`pathway\`(\`id\`) on update cascade, constraint \`conversation_read_reader_id_foreign\` foreign key(\`reader_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`conversation_read_pathway_id_index\` on \`conversation_read\` (\`pathway_id\`);`);
    this.addSql(`create index \`conversation_read_reader_id_index\` on \`conversation_read\` (\`reader_id\`);`);
    this.addSql(`create unique index \`conversation_read_pathway_id_reader_id_unique\` on \`conversation_read\` (\`pathway_id\`, \`reader_id\`);`);
  }

}
