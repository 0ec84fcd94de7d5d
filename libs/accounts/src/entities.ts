import { LoginFailure } from './auth/login-failure.entity';
import { Session } from './auth/session.entity';
import { SpentLink } from './auth/spent-link.entity';
import { Organisation } from './organisations/organisation.entity';
import { AccountToken } from './recovery/account-token.entity';
import { AccountEvent } from './users/account-event.entity';
import { User } from './users/user.entity';

/** The entities of libs/accounts (organisations, staff accounts, their sessions, links, sign-in throttle and history): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const ACCOUNTS_ENTITIES = [Organisation, User, Session, SpentLink, LoginFailure, AccountToken, AccountEvent] as const;
