import { Injectable } from '@nestjs/common';
import { PersonalData, type PersonalDataPolicy } from '@parcours/audit';

/**
 * Partners and opportunities are about no participant. A partner's contact (name, phone, e-mail)
 * is personal data of the contact person: it is kept while the partner is in use and goes when
 * nobody changed the partner, nor any of its offers, for RETENTION_MONTHS (PartnersService's
 * sweep); staff may also clear or replace it at any time (updatePartner). The history keeps the
 * names of the fields changed, never their values.
 */
@PersonalData()
@Injectable()
export class OpportunitiesPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    Partner: ['id', 'organisation', 'siret', 'searchName', 'communeCode', 'contactName', 'contactPhone', 'contactEmail', 'registeredBy', 'createdAt', 'updatedAt', 'history'],
    PartnerChange: ['id', 'partner', 'kind', 'fields', 'by', 'at'],
    Opportunity: [
      'id', 'kind', 'operator', 'partner', 'client', 'title', 'searchName', 'romeCode', 'contractType', 'hoursPerWeek', 'communeCode', 'startOn', 'endOn', 'positions',
      'qualification', 'level', 'hires', 'status', 'closedBecause', 'closedAt', 'createdBy', 'createdAt', 'updatedAt', 'version',
    ],
  };
}
