import { Injectable } from '@nestjs/common';
import { PersonalData, type PersonalDataPolicy } from '@parcours/audit';

/** Staff accounts are not participants' data. */
@PersonalData()
@Injectable()
export class AccountsPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    // An operator's contact is the structure's (its reception desk), never a participant's.
    Organisation: ['id', 'name', 'nameKey', 'kind', 'createdAt', 'updatedAt', 'contactAddress', 'contactPhone', 'contactEmail', 'reminderDelays', 'oidcRequired'],
    User: ['id', 'organisation', 'role', 'email', 'emailKey', 'fullName', 'searchName', 'passwordHash', 'deactivatedAt', 'passwordChangedAt', 'passwordSet', 'oidcSubject', 'oidcIssuer', 'notificationEmails', 'createdAt', 'updatedAt'],
    Session: ['id', 'user', 'refreshTokenHash', 'refreshExpiresAt', 'createdAt', 'lastRefreshedAt', 'endedAt', 'endReason', 'via', 'idToken'],
    LoginFailure: ['id', 'key', 'failedAt'],
    SpentLink: ['id', 'expiresAt'],
    AccountToken: ['id', 'user', 'purpose', 'secretHash', 'expiresAt', 'createdAt', 'endedAt', 'endReason'],
    AccountEvent: ['id', 'user', 'type', 'at', 'byUserId', 'detail'],
  };
}
