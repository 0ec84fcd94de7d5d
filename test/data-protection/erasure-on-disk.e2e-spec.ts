import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, JourneyFixture, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';
import { describeOnSqlite } from '../support/test-database';

const UPDATE = 'mutation ($input: UpdateParticipantInput!) { updateParticipant(input: $input) { userErrors { code } } }';
const ERASE = 'mutation ($input: EraseParticipantInput!) { eraseParticipant(input: $input) { erased userErrors { code } } }';

/** What an erasure leaves on disk: nothing of the person in the SQLite file, its WAL or its shared memory. */
describeOnSqlite('erasure on disk (SQLite)', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let folder: string;
  let stopped = false;

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    folder = dirname(t.config.database.sqlitePath!);
  });
  afterAll(async () => {
    if (!stopped) await t.app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('after an erasure and a clean stop, no form of the name, address or birth date is in any file of the database', async () => {
    const pathway = await journey.refer(referent, aPerson({ lastName: 'Zimmermann', firstNames: 'Aurélien', birthDate: '1982-03-14', email: 'aurelien.zimmermann@example.fr', phone: '06 12 34 56 78' }));
    // Earlier versions of the row, for the write-ahead log to keep.
    for (const patch of [{ phone: '06 98 76 54 32' }, { firstNames: 'Aurélien Marc' }, { lastName: 'ZIMMERMANN-KLEIN' }, { lastName: 'Zimmermann' }]) {
      await t.api.data(UPDATE, { input: { participantId: pathway.participant.id, ...patch } }, { token: referent.token });
    }
    await journey.withdraw(referent, pathway.id);
    const erased = await t.api.data<{ eraseParticipant: { erased: boolean } }>(ERASE, { input: { participantId: pathway.participant.id, reason: 'demande de la personne' } }, { token: accounts.adminToken });
    expect(erased.eraseParticipant.erased).toBe(true);
    // While the server runs, the write-ahead log holds nothing of the person either.
    expect(traces(`${t.config.database.sqlitePath}-wal`)).toEqual([]);
    await t.app.close();
    stopped = true;

    const files = ['', '-wal', '-shm'].map((suffix) => `${t.config.database.sqlitePath}${suffix}`).filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect({ file, traces: traces(file) }).toEqual({ file, traces: [] });
  });
});

/** Every form of the person's name, contact or birth date found in a file, in any letter case. */
function traces(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  const ascii = bytes.toString('latin1').toLowerCase();
  const utf8 = bytes.toString('utf8').toLowerCase();
  return [
    ...['zimmermann', 'aurelien', '1982-03-14', '0612345678', '06 12 34 56 78', '06 98 76 54 32', '33612345678', '33698765432'].filter((trace) => ascii.includes(trace)),
    ...['aurélien'].filter((trace) => utf8.includes(trace)),
  ];
}
