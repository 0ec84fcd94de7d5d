import { Migration } from '@mikro-orm/migrations';

export class Migration20261207115121_OidcSignIn extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organisation\` add column \`oidc_required\` integer not null default false;`);

    this.addSql(`alter table \`app_user\` add column \`oidc_subject\` text null;`);
    this.addSql(`alter table \`app_user\` add column \`oidc_issuer\` text null;`);
    this.addSql(`create unique index \`app_user_oidc_issuer_oidc_subject_unique\` on \`app_user\` (\`oidc_issuer\`, \`oidc_subject\`);`);

    this.addSql(`alter table \`session\` add column \`via\` text not null default 'PASSWORD';`);
    this.addSql(`alter table \`session\` add column \`id_token\` text null;`);
  }

}
