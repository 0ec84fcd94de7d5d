import { Participant } from './participant.entity';

/** The entities of libs/participants (the person): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const PARTICIPANTS_ENTITIES = [Participant] as const;
