import { Injectable } from '@nestjs/common';
import { PersonalData } from './personal-data-policies';
import type { PersonalDataPolicy } from './personal-data-policy';

/** The access log names people by id and fields by name, never their data. */
@PersonalData()
@Injectable()
export class AuditPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    AuditEntry: ['id', 'at', 'userId', 'role', 'organisationId', 'requestId', 'operation', 'action', 'participantId', 'objectType', 'objectId', 'fields', 'reason'],
  };
}
