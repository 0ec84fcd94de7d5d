import type { Migration } from '@mikro-orm/migrations';
import { readPhone } from '@parcours/participants';

/**
 * The phones typed before numbers were checked, in E.164 where they read as a valid number; the
 * others stay as typed, which the API flags as to check (`phoneToCheck`) and no SMS goes to.
 */
export async function normalisePhones(migration: Migration): Promise<void> {
  const rows = await migration.execute('select id, phone from participant where phone is not null');
  for (const row of rows as { id: string; phone: string }[]) {
    const phone = readPhone(row.phone);
    if (phone && phone.e164 !== row.phone) migration.addSql(migration.getKnex()('participant').update({ phone: phone.e164 }).where({ id: row.id }));
  }
}
