import { Migration } from '@mikro-orm/migrations';

export class Migration20261206144840_outcome_model extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outcome_cell" ("operator_id" varchar(40) not null, "day" varchar(10) not null, "family" varchar(40) not null, "prescriber_id" varchar(40) not null, "commune_code" varchar(10) not null, "contract_type" varchar(40) not null, "days" int not null, "c0" int not null default 0, "c1" int not null default 0, "c2" int not null default 0, "c3" int not null default 0, "c4" int not null default 0, "c5" int not null default 0, "c6" int not null default 0, "c7" int not null default 0, "c8" int not null default 0, "c9" int not null default 0, "c10" int not null default 0, "c11" int not null default 0, "c12" int not null default 0, "c13" int not null default 0, "c14" int not null default 0, "c15" int not null default 0, constraint "outcome_cell_pkey" primary key ("operator_id", "day", "family", "prescriber_id", "commune_code", "contract_type", "days"));`);

    this.addSql(`create table "outcome_model" ("name" varchar(40) not null, "version" varchar(64) not null, constraint "outcome_model_pkey" primary key ("name"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outcome_cell" cascade;`);

    this.addSql(`drop table if exists "outcome_model" cascade;`);
  }

}
