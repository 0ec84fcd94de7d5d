import { rebuildCells } from '@parcours/outcomes';
import { Client } from 'pg';
import { Database } from 'sqlite3';

/**
 * Benchmarks at 100,000 and 1,000,000 pathways without generating them one by one: a generated
 * database (through the domain, `npm run generate`) is replicated in place, `copies` times in all,
 * with fresh ids and fresh people. Each copy is the generated journeys again, on the same days,
 * for the same operator, referents, counsellors, partners and offers: the same figures multiplied,
 * the same distribution of every table, `copies` times the rows.
 *
 * - Ids: copy k of a row takes its id with its first byte plus k (modulo 256; k ≤ 255), and so do
 *   the columns that point to a replicated row: never the row's own id, never another copy's, and
 *   two ids that differ only in their first byte do not occur among random UUIDs.
 * - People: a copy's participants are named "(démo k)" where the generated ones are "(démo)",
 *   identity and search keys included, so they are other people to every rule (a France Travail
 *   id, which the generator never sets, would be suffixed).
 * - What names a row in a text column (the open keys, the audit's object, the outbox's key)
 *   follows its row. Integer ids (events, steps, audit entries) are the database's own.
 *
 * One INSERT … SELECT per table, every copy at once, and the outcome model recounted, in one transaction; then the planner's
 * statistics are refreshed (ANALYZE). Tables not listed (accounts, organisations, partners, offers,
 * conventions) are shared by every copy.
 */
const REPLICATED: Record<string, { ids: readonly string[]; special?: Record<string, (column: Sql, uuid: boolean) => string> }> = {
  participant: {
    ids: ['id'],
    special: {
      last_name: (c) => c.demo('last_name', '(démo)', ' '),
      search_name: (c) => c.demo('search_name', '(demo)', ' '),
      identity_key: (c) => c.demo('identity_key', '(demo)', ''),
      france_travail_id: (c) => `${c.column('france_travail_id')} || ${c.copy}`,
    },
  },
  pathway: { ids: ['id', 'participant_id'], special: { open_key: (c, uuid) => c.id('open_key', uuid) } },
  referral_barrier: { ids: ['id', 'pathway_id'] },
  appointment: { ids: ['id', 'pathway_id'] },
  diagnostic: { ids: ['id', 'pathway_id', 'appointment_id'] },
  referent_report: { ids: ['id', 'pathway_id'] },
  proposal: {
    ids: ['id', 'pathway_id'],
    // `<opportunity id>/<pathway id>`: the opportunity is shared, the pathway is the copy's.
    special: { open_key: (c) => `substr(${c.column('open_key')}, 1, 37) || ${c.idOf(`substr(${c.column('open_key')}, 38)`, false)}` },
  },
  proposal_step: { ids: ['proposal_id'] },
  placement: { ids: ['id', 'pathway_id', 'proposal_id'] },
  checkpoint: { ids: ['id', 'pathway_id', 'placement_id'] },
  follow_up_contact: { ids: ['id', 'pathway_id', 'checkpoint_id'] },
  pathway_event: { ids: ['pathway_id', 'appointment_id', 'diagnostic_id', 'proposal_id', 'placement_id', 'contact_id', 'checkpoint_id'] },
  audit_entry: {
    ids: [],
    special: {
      participant_id: (c, uuid) => c.id('participant_id', uuid),
      object_id: (c, uuid) => `case when length(${c.text('object_id')}) = 36 then ${c.id('object_id', uuid)} else ${c.column('object_id')} end`,
    },
  },
  outbox_message: { ids: ['id', 'report_id'], special: { idempotency_key: (c) => `${c.column('idempotency_key')} || '#' || ${c.copy}` } },
};

/** Integer ids the database assigns: left out of the copy's columns. */
const GENERATED_IDS: Record<string, true> = { pathway_event: true, proposal_step: true, audit_entry: true };

interface Sql {
  /** The copy's number, as an SQL expression. */
  copy: string;
  column(name: string): string;
  /** The column as text (PostgreSQL's uuid columns are not). */
  text(name: string): string;
  /** The copy's id for an id column (`uuid`: the column's type on PostgreSQL). */
  id(name: string, uuid: boolean): string;
  idOf(expression: string, uuid: boolean): string;
  /** The generator's mark, "(démo)" (or its folded "(demo)"), becomes "(démo k)" (`space`: what separates the mark from k). */
  demo(name: string, mark: string, space: string): string;
}

function dialect(driver: 'sqlite' | 'postgresql'): Sql {
  const column = (name: string) => `t."${name}"`;
  // The first byte plus k, modulo 256: never the row's own id, never another copy's.
  const digit = (expression: string, at: number) => `(instr('0123456789abcdef', substr(${expression}, ${at}, 1)) - 1)`;
  const shifted = (expression: string) =>
    driver === 'sqlite'
      ? `printf('%02x', (${digit(expression, 1)} * 16 + ${digit(expression, 2)} + c.k) % 256)`
      : `lpad(to_hex((('x' || substr(${expression}, 1, 2))::bit(8)::int + c.k) % 256), 2, '0')`;
  const idOf = (expression: string, uuid: boolean) => {
    if (driver === 'sqlite') return `case when ${expression} is null then null else ${shifted(expression)} || substr(${expression}, 3) end`;
    const text = `(${shifted(`(${expression})::text`)} || substr((${expression})::text, 3))`;
    return uuid ? `${text}::uuid` : text;
  };
  const copy = driver === 'sqlite' ? 'c.k' : 'c.k::text';
  return {
    copy,
    column,
    text: (name) => (driver === 'sqlite' ? column(name) : `${column(name)}::text`),
    id: (name, uuid) => idOf(column(name), uuid),
    idOf,
    demo: (name, mark, space) => `replace(${column(name)}, '${mark}', '${mark.slice(0, -1)}${space}' || ${copy} || ')')`,
  };
}

interface Target {
  driver: 'sqlite' | 'postgresql';
  run(sql: string): Promise<void>;
  /** The table's columns and whether each is a uuid. */
  columns(table: string): Promise<{ name: string; uuid: boolean }[]>;
  close(): Promise<void>;
}

/** Replicates the database at `url` (sqlite:PATH or postgresql://…) to `copies` times its pathways. */
export async function replicate(url: string, copies: number): Promise<void> {
  if (!Number.isInteger(copies) || copies < 2 || copies > 256) throw new Error(`copies must be a whole number from 2 to 256 (got ${copies})`);
  const target = url.startsWith('sqlite:') ? await sqlite(url.slice('sqlite:'.length)) : await postgres(url);
  const numbers = Array.from({ length: copies - 1 }, (_, index) => `(${index + 1})`).join(', ');
  try {
    await target.run('begin');
    for (const [table, rule] of Object.entries(REPLICATED)) {
      const sql = dialect(target.driver);
      const columns = (await target.columns(table)).filter((column) => !(GENERATED_IDS[table] && column.name === 'id'));
      const values = columns.map(({ name, uuid }) => rule.special?.[name]?.(sql, uuid) ?? (rule.ids.includes(name) ? sql.id(name, uuid) : sql.column(name)));
      const names = columns.map(({ name }) => `"${name}"`);
      const copyNumbers = target.driver === 'sqlite' ? `(select column1 as k from (values ${numbers}))` : `(values ${numbers})`;
      if (target.driver === 'sqlite') {
        // SQLite's INSERT … SELECT on one table reads the rows it has just inserted: the copies are made from a snapshot.
        await target.run(`create temp table replicated_source as select * from ${table}`);
        await target.run(`insert into ${table} (${names.join(', ')}) select ${values.join(', ')} from replicated_source t cross join ${copyNumbers} as c`);
        await target.run('drop table replicated_source');
      } else {
        await target.run(`insert into ${table} (${names.join(', ')}) select ${values.join(', ')} from ${table} t cross join ${copyNumbers} as c(k)`);
      }
    }
    // The copies are counted in the outcome model as the server would count them: recounted from the journey tables.
    await rebuildCells(target.driver, async (statement) => {
      await target.run(statement);
      return [];
    });
    await target.run('commit');
    await target.run('analyze');
  } catch (error) {
    await target.run('rollback').catch(() => undefined);
    throw error;
  } finally {
    await target.close();
  }
}

async function sqlite(path: string): Promise<Target> {
  const db = await new Promise<Database>((resolve, reject) => {
    const opened = new Database(path, (error) => (error ? reject(error) : resolve(opened)));
  });
  const all = <R>(sql: string) => new Promise<R[]>((resolve, reject) => db.all(sql, (error: Error | null, rows: R[]) => (error ? reject(error) : resolve(rows))));
  return {
    driver: 'sqlite',
    run: async (sql) => void (await all(sql)),
    columns: async (table) => (await all<{ name: string }>(`pragma table_info(${table})`)).map(({ name }) => ({ name, uuid: false })),
    close: () => new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function postgres(url: string): Promise<Target> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    driver: 'postgresql',
    run: async (sql) => void (await client.query(sql)),
    columns: async (table) =>
      (await client.query<{ column_name: string; data_type: string }>("select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position", [table])).rows.map(
        (row) => ({ name: row.column_name, uuid: row.data_type === 'uuid' }),
      ),
    close: () => client.end(),
  };
}
