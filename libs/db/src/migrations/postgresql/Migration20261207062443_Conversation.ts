import { Migration } from '@mikro-orm/migrations';

export class Migration20261207062443_Conversation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "pathway_message" ("id" uuid not null, "pathway_id" uuid not null, "author_id" uuid not null, "text" text null, "written_at" timestamptz not null, constraint "pathway_message_pkey" primary key ("id"));`);
    this.addSql(`create index "pathway_message_pathway_id_written_at_index" on "pathway_message" ("pathway_id", "written_at");`);

    this.addSql(`create table "conversation_read" ("id" uuid not null, "pathway_id" uuid not null, "reader_id" uuid not null, "read_at" timestamptz not null, constraint "conversation_read_pkey" primary key ("id"));`);
    this.addSql(`alter table "conversation_read" add constraint "conversation_read_pathway_id_reader_id_unique" unique ("pathway_id", "reader_id");`);

    this.addSql(`alter table "pathway_message" add constraint "pathway_message_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "pathway_message" add constraint "pathway_message_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "conversation_read" add constraint "conversation_read_pathway_id_foreign" foreign key ("pathway_id") references "pathway" ("id") on update cascade;`);
    this.addSql(`alter table "conversation_read" add constraint "conversation_read_reader_id_foreign" foreign key ("reader_id") references "app_user" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pathway_message" cascade;`);

    this.addSql(`drop table if exists "conversation_read" cascade;`);
  }

}
