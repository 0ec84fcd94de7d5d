import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { PersonalData, type DataSubject, type PersonalDataPolicy } from '@parcours/audit';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { ReferralImportLine } from './referral-import-line.entity';

/**
 * An import holds the cells of a file of people (names, birth dates, addresses…) none of whom is
 * a participant yet: kept while it is previewed or imported, dropped when it ends or is cancelled,
 * at most PREVIEW_RETENTION_DAYS for a preview never confirmed (the purge sweep). Its result per
 * line (verdict, problems — which may quote a cell —, the pathway made) goes RESULT_RETENTION_DAYS
 * after it ends; a person erased takes their lines with them. The mapping remembered for an
 * organisation names columns, nobody.
 */
@PersonalData()
@Injectable()
export class ImportsPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly heldBriefly = {
    ReferralImport: {
      personal: ['cells'],
      other: ['id', 'uploadedBy', 'referent', 'organisation', 'fileName', 'format', 'status', 'headers', 'lineCount', 'mapping', 'choices', 'counts', 'createdAt', 'confirmedAt', 'endedAt', 'leaseUntil', 'leasedBy'],
      until: 'the import ends or is cancelled; a preview at most 7 days',
    },
    ReferralImportLine: {
      personal: ['problems', 'pathwayId'],
      other: ['id', 'referralImport', 'line', 'verdict', 'knownBefore', 'done'],
      until: '30 days after the import ends',
    },
  };
  readonly notAboutParticipants = {
    ReferralImportMapping: ['id', 'organisation', 'columns', 'updatedAt'],
  };

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    await new ScopedReads(em, SYSTEM).nativeDelete(ReferralImportLine, { pathwayId: { $in: subject.pathwayIds } });
  }
}
