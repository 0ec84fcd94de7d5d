import { Migration } from '@mikro-orm/migrations';

export class Migration20261207115122_OidcSignIn extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organisation" add column "oidc_required" boolean not null default false;`);

    this.addSql(`alter table "app_user" add column "oidc_subject" varchar(255) null, add column "oidc_issuer" varchar(255) null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject");`);

    this.addSql(`alter table "session" add column "via" varchar(10) not null default 'PASSWORD', add column "id_token" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_oidc_issuer_oidc_subject_unique";`);
    this.addSql(`alter table "app_user" drop column "oidc_subject", drop column "oidc_issuer";`);

    this.addSql(`alter table "organisation" drop column "oidc_required";`);

    this.addSql(`alter table "session" drop column "via", drop column "id_token";`);
  }

}
