import { GraphqlClient } from './graphql-client';
import { TEST_ADMIN } from './test-app';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

export const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) { tokens { accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt } userErrors { code field message } }
}`;
export const REFRESH = `mutation ($input: RefreshSessionInput!) {
  refreshSession(input: $input) { tokens { accessToken refreshToken } userErrors { code message } }
}`;
export const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name kind } userErrors { code field message } }
}`;
export const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id email fullName role active organisation { id name kind } } userErrors { code field message } }
}`;
export const ME = '{ me { id email fullName role organisation { id name kind } } }';

type Payload<K extends string, T> = Record<K, T & { userErrors: { code: string; field?: string[]; message: string }[] }>;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Small factories over the real API: organisations, users, logins. */
export class AccountsFixture {
  adminToken = '';
  operatorId = '';

  constructor(readonly api: GraphqlClient) {}

  async init(): Promise<this> {
    this.adminToken = (await this.login(TEST_ADMIN.email, TEST_ADMIN.password)).accessToken;
    const me = await this.api.data<{ me: { organisation: { id: string } } }>(ME, undefined, { token: this.adminToken });
    this.operatorId = me.me.organisation.id;
    return this;
  }

  /** Signs the users in again: their access tokens run on the clock a test moves. */
  async signInAgain(...users: TestUser[]): Promise<void> {
    for (const user of users) user.token = (await this.login(user.email, user.password)).accessToken;
  }

  async login(email: string, password: string): Promise<Tokens> {
    const data = await this.api.data<Payload<'login', { tokens: Tokens | null }>>(LOGIN, { input: { email, password } });
    if (!data.login.tokens) throw new Error(`login failed: ${JSON.stringify(data.login.userErrors)}`);
    return data.login.tokens;
  }

  async organisation(kind: string, name = `${kind} ${unique()}`): Promise<string> {
    const data = await this.api.data<Payload<'createOrganisation', { organisation: { id: string } | null }>>(
      CREATE_ORGANISATION,
      { input: { name, kind } },
      { token: this.adminToken },
    );
    if (!data.createOrganisation.organisation) throw new Error(JSON.stringify(data.createOrganisation.userErrors));
    return data.createOrganisation.organisation.id;
  }

  /** A user of the role, in the organisation given (default: one of the kind the role needs), signed in. */
  async user(role: string, options: { organisationId?: string; fullName?: string; email?: string } = {}): Promise<TestUser> {
    const organisationId = options.organisationId ?? (await this.defaultOrganisation(role));
    const email = options.email ?? `${role.toLowerCase()}.${unique()}@parcours.test`;
    const password = `Pass-${unique()}-word`;
    const data = await this.api.data<Payload<'createUser', { user: { id: string } | null }>>(
      CREATE_USER,
      { input: { organisationId, role, email, fullName: options.fullName ?? `${role} ${unique()}`, initialPassword: password } },
      { token: this.adminToken },
    );
    if (!data.createUser.user) throw new Error(JSON.stringify(data.createUser.userErrors));
    const { accessToken } = await this.login(email, password);
    return { id: data.createUser.user.id, email, password, token: accessToken };
  }

  private async defaultOrganisation(role: string): Promise<string> {
    if (['ADMIN', 'MANAGER', 'COUNSELLOR'].includes(role)) return this.operatorId;
    return this.organisation(role === 'REFERENT' ? 'PRESCRIBER' : 'FUNDER');
  }
}
