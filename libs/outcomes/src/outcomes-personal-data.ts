import { Injectable } from '@nestjs/common';
import { PersonalData, type PersonalDataPolicy } from '@parcours/audit';
import { COUNT_COLUMNS } from './model/outcome-model';

/** The outcome model counts rows by day, organisation, commune and contract type: no person in it. */
@PersonalData()
@Injectable()
export class OutcomesPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    OutcomeCell: ['operatorId', 'day', 'family', 'prescriberId', 'communeCode', 'contractType', 'days', ...COUNT_COLUMNS],
    OutcomeModelVersion: ['name', 'version'],
  };
}
