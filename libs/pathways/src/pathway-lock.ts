import type { ScopedReads } from '@parcours/unit-of-work';
import { Pathway } from './pathway.entity';

/**
 * The pathway, locked until the command ends, then what the command needs of it: of two commands
 * on one pathway, the second waits and sees the first's placements and calendar (on PostgreSQL,
 * both would otherwise write the same checkpoints).
 */
export async function lockPathway(reads: ScopedReads, id: string, populate: readonly string[]): Promise<Pathway | null> {
  const pathway = await reads.findOneForUpdate(Pathway, { id });
  if (pathway) await reads.populate(pathway, populate);
  return pathway;
}
