import { Injectable } from '@nestjs/common';
import { PersonalData, type PersonalDataPolicy } from '@parcours/audit';

/** A funding convention is about no person. */
@PersonalData()
@Injectable()
export class ConventionsPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    Convention: ['id', 'operator', 'funder', 'title', 'budgetLine', 'startOn', 'endOn', 'targetParticipants', 'amountCents', 'createdBy', 'createdAt', 'updatedAt', 'version'],
  };
}
