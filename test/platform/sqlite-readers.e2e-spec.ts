import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { onOwnSqliteReader } from '@parcours/unit-of-work';
import { AccountsFixture } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeOnSqlite } from '../support/test-database';

describeOnSqlite('SQLite readers beside the writer', () => {
  let app: TestApp;
  let accounts: AccountsFixture;

  beforeAll(async () => {
    app = await startTestApp({ env: { SQLITE_READERS: '3' } });
    accounts = await new AccountsFixture(app.api).init();
  });
  afterAll(() => app.close());

  it('opens SQLITE_READERS read-only connections, each of its own (an SQLite pool holds one)', () => {
    const driver = app.orm.em.getDriver() as unknown as { replicas: AbstractSqlConnection[] };
    expect(driver.replicas).toHaveLength(3);
    expect(new Set(driver.replicas.map((replica) => replica.getKnex())).size).toBe(3);
  });

  it('a long read on a connection of its own (the outcome report) holds no reader: the interactive reads go on meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let open = true;
    const long = onOwnSqliteReader(app.orm.em.getConnection('read') as AbstractSqlConnection, 5_000, async (all) => {
      const [row] = await all('select count(*) as users from app_user');
      await held;
      return Number(row.users);
    }).finally(() => (open = false));
    for (let request = 0; request < 12; request++) {
      const me = await app.api.data<{ me: { role: string } }>('{ me { role } }', undefined, { token: accounts.adminToken });
      expect(me.me.role).toBe('ADMIN');
      expect(open).toBe(true);
    }
    release();
    await expect(long).resolves.toBeGreaterThan(0);
  });

  it('the long read is read-only, whatever it asks', async () => {
    await expect(onOwnSqliteReader(app.orm.em.getConnection('read') as AbstractSqlConnection, 5_000, (all) => all("update app_user set full_name = 'x'"))).rejects.toThrow(/readonly|read-only|query_only|attempt to write/i);
    const me = await app.api.data<{ me: { fullName: string } }>('{ me { fullName } }', undefined, { token: accounts.adminToken });
    expect(me.me.fullName).not.toBe('x');
  });
});
