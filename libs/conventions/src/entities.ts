import { Convention } from './convention.entity';

/** The entities of libs/conventions (funding conventions): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const CONVENTIONS_ENTITIES = [Convention] as const;
