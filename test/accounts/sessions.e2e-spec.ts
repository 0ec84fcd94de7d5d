import { LoginFailure, Session } from '@parcours/accounts';
import { AccountsFixture, LOGIN, ME, REFRESH, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { createHmac } from 'node:crypto';
import { PasswordHasher } from '../../libs/accounts/src/auth/password-hasher';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const MINUTE = 60_000;
type LoginResult = { login: { tokens: { accessToken: string; refreshToken: string } | null; userErrors: { code: string; message: string }[] } };
type RefreshResult = { refreshSession: { tokens: { accessToken: string; refreshToken: string } | null; userErrors: { code: string }[] } };

describe('sessions and tokens', () => {
  let t: TestApp;
  let accounts: AccountsFixture;

  const meWith = (token: string) => t.api.request(ME, undefined, { token });
  const refresh = (refreshToken: string) => t.api.data<RefreshResult>(REFRESH, { input: { refreshToken } });
  const login = (email: string, password: string, ip?: string) =>
    t.api.data<LoginResult>(LOGIN, { input: { email, password } }, ip ? { headers: { 'x-forwarded-for': ip } } : {});

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    accounts = await new AccountsFixture(t.api).init();
  });
  afterAll(() => t.close());

  it('refuses a token signed with the secret but without an expiry', async () => {
    const tokens = await accounts.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const { exp, ...claims } = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const forever = `${unsigned}.${createHmac('sha256', t.config.auth.jwtSecret!).update(unsigned).digest('base64url')}`;
    expect(errorCodes(await meWith(forever))).toEqual(['UNAUTHENTICATED']);
    const resigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, exp })}`;
    expect((await meWith(`${resigned}.${createHmac('sha256', t.config.auth.jwtSecret!).update(resigned).digest('base64url')}`)).errors).toBeUndefined();
  });

  it('issues an access token that expires after 15 minutes by the clock', async () => {
    const user = await accounts.user('COUNSELLOR');
    const start = t.clock.now();
    const data = await login(user.email, user.password);
    const tokens = data.login.tokens!;
    t.clock.set(new Date(start.getTime() + 15 * MINUTE - 1000));
    expect((await meWith(tokens.accessToken)).errors).toBeUndefined();
    t.clock.set(new Date(start.getTime() + 15 * MINUTE + 1000));
    expect(errorCodes(await meWith(tokens.accessToken))).toEqual(['UNAUTHENTICATED']);
    t.clock.set(start);
  });

  it('rotates the refresh token at each use', async () => {
    const user = await accounts.user('REFERENT');
    const first = (await login(user.email, user.password)).login.tokens!;
    const second = (await refresh(first.refreshToken)).refreshSession.tokens!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await meWith(second.accessToken)).errors).toBeUndefined();
    const third = (await refresh(second.refreshToken)).refreshSession;
    expect(third.userErrors).toEqual([]);
    expect((await meWith(third.tokens!.accessToken)).errors).toBeUndefined();
  });

  it('ends the whole session when a refresh token is used twice', async () => {
    const user = await accounts.user('REFERENT');
    const first = (await login(user.email, user.password)).login.tokens!;
    const second = (await refresh(first.refreshToken)).refreshSession.tokens!;
    const reused = await refresh(first.refreshToken);
    expect(reused.refreshSession).toEqual({ tokens: null, userErrors: [expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' })] });
    // Every token of the session stops working: the thief's and the owner's alike.
    expect(errorCodes(await meWith(second.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect((await refresh(second.refreshToken)).refreshSession.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' })]);
    const session = await t.orm.em.fork().findOneOrFail(Session, first.refreshToken.split('.')[0]);
    expect(session.endReason).toBe('REFRESH_TOKEN_REUSED');
  });

  it('refuses a refresh token after 12 hours, and one that was never issued', async () => {
    const user = await accounts.user('COUNSELLOR');
    const start = t.clock.now();
    const tokens = (await login(user.email, user.password)).login.tokens!;
    t.clock.set(new Date(start.getTime() + 12 * 60 * MINUTE + 1000));
    expect((await refresh(tokens.refreshToken)).refreshSession.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' })]);
    t.clock.set(start);
    for (const forged of ['nonsense', `${tokens.refreshToken.split('.')[0]}.forged`, '00000000-0000-4000-8000-000000000000.x']) {
      expect((await refresh(forged)).refreshSession.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' })]);
    }
  });

  it('logout ends the session at once: its access and refresh tokens stop working, other sessions go on', async () => {
    const user = await accounts.user('MANAGER');
    const laptop = (await login(user.email, user.password)).login.tokens!;
    const phone = (await login(user.email, user.password)).login.tokens!;
    const out = await t.api.data<{ logout: { loggedOut: boolean; userErrors: unknown[] } }>(
      'mutation { logout { loggedOut userErrors { code } } }',
      undefined,
      { token: laptop.accessToken },
    );
    expect(out.logout).toEqual({ loggedOut: true, userErrors: [] });
    expect(errorCodes(await meWith(laptop.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect((await refresh(laptop.refreshToken)).refreshSession.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' })]);
    expect((await meWith(phone.accessToken)).errors).toBeUndefined();
    await t.api.data('mutation { logout(input: { everywhere: true }) { loggedOut } }', undefined, { token: phone.accessToken });
    expect(errorCodes(await meWith(phone.accessToken))).toEqual(['UNAUTHENTICATED']);
  });

  it("deactivating a user stops their tokens at once and refuses their next login", async () => {
    const user = await accounts.user('COUNSELLOR');
    const tokens = (await login(user.email, user.password)).login.tokens!;
    const result = await t.api.data<{ deactivateUser: { user: { active: boolean }; userErrors: unknown[] } }>(
      'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { active } userErrors { code } } }',
      { input: { userId: user.id } },
      { token: accounts.adminToken },
    );
    expect(result.deactivateUser).toEqual({ user: { active: false }, userErrors: [] });
    expect(errorCodes(await meWith(user.token))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await meWith(tokens.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect((await refresh(tokens.refreshToken)).refreshSession.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' })]);
    expect((await login(user.email, user.password)).login.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CREDENTIALS' })]);
  });

  it('does not let an admin deactivate themselves', async () => {
    const { me } = await t.api.data<{ me: { id: string } }>(ME, undefined, { token: accounts.adminToken });
    const result = await t.api.data<{ deactivateUser: { user: unknown; userErrors: { code: string }[] } }>(
      'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { active } userErrors { code } } }',
      { input: { userId: me.id } },
      { token: accounts.adminToken },
    );
    expect(result.deactivateUser).toEqual({ user: null, userErrors: [{ code: 'CANNOT_DEACTIVATE_SELF' }] });
  });

  describe('changePassword', () => {
    const CHANGE = 'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } userErrors { code field } } }';
    let user: TestUser;

    beforeAll(async () => {
      user = await accounts.user('REFERENT');
    });

    it('refuses a wrong current password and a weak new one', async () => {
      const wrong = await t.api.data<{ changePassword: { userErrors: unknown[] } }>(CHANGE, { input: { currentPassword: 'Wrong-password-1', newPassword: 'New-password-2026' } }, { token: user.token });
      expect(wrong.changePassword.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS', field: ['input', 'currentPassword'] }]);
      const weak = await t.api.data<{ changePassword: { userErrors: unknown[] } }>(CHANGE, { input: { currentPassword: user.password, newPassword: 'weak' } }, { token: user.token });
      expect(weak.changePassword.userErrors).toEqual([{ code: 'WEAK_PASSWORD', field: ['input', 'newPassword'] }]);
      await expect(accounts.login(user.email, user.password)).resolves.toBeDefined();
    });

    it('changes it, keeps the current session and ends the others', async () => {
      const other = (await login(user.email, user.password)).login.tokens!;
      const done = await t.api.data<{ changePassword: { user: { id: string }; userErrors: unknown[] } }>(
        CHANGE,
        { input: { currentPassword: user.password, newPassword: 'A-much-better-one-7' } },
        { token: user.token },
      );
      expect(done.changePassword).toEqual({ user: { id: user.id }, userErrors: [] });
      expect((await meWith(user.token)).errors).toBeUndefined();
      expect(errorCodes(await meWith(other.accessToken))).toEqual(['UNAUTHENTICATED']);
      expect((await login(user.email, user.password)).login.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CREDENTIALS' })]);
      expect((await login(user.email, 'A-much-better-one-7')).login.userErrors).toEqual([]);
    });
  });

  describe('login failures', () => {
    it('answers an unknown address and a wrong password with the same generic error', async () => {
      const user = await accounts.user('FUNDER');
      const unknown = await login('nobody@parcours.test', 'Whatever-password-1', '198.51.100.1');
      const wrong = await login(user.email, 'Whatever-password-1', '198.51.100.1');
      expect(unknown.login).toEqual(wrong.login);
      expect(wrong.login).toEqual({ tokens: null, userErrors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'Wrong e-mail address or password.' }] });
    });

    it('counts attempts made at the same time: of 60 at once, at most 5 passwords are checked, and the right one is refused after', async () => {
      const user = await accounts.user('COUNSELLOR');
      const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
      try {
        const results = await Promise.all(Array.from({ length: 60 }, (_, attempt) => login(user.email, `Wrong-password-${attempt}`, `192.0.2.${attempt}`)));
        const codes = results.map((result) => result.login.userErrors[0]?.code);
        expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(5);
        expect(codes.filter((code) => code === 'TOO_MANY_ATTEMPTS')).toHaveLength(55);
        expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
      } finally {
        verify.mockRestore();
      }
      const right = await login(user.email, user.password, '192.0.2.200');
      expect(right.login).toMatchObject({ tokens: null, userErrors: [expect.objectContaining({ code: 'TOO_MANY_ATTEMPTS' })] });
    });

    it('forgives the attempt of a right password: it counts neither against the account nor the address', async () => {
      const user = await accounts.user('COUNSELLOR');
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(user.email, 'Wrong-password-99', '192.0.2.250')).login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      expect((await login(user.email, user.password, '192.0.2.250')).login.userErrors).toEqual([]);
      expect(await t.orm.em.fork().count(LoginFailure, { key: 'ip:192.0.2.250' })).toBe(4);
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(user.email, 'Wrong-password-99', '192.0.2.251')).login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      expect((await login(user.email, user.password, '192.0.2.251')).login.userErrors).toEqual([]);
    });

    it('locks an account after 5 failures in 15 minutes, even for the right password, counted in the database', async () => {
      const user = await accounts.user('COUNSELLOR');
      const start = t.clock.now();
      for (let attempt = 0; attempt < 5; attempt++) {
        t.clock.set(new Date(start.getTime() + attempt * MINUTE));
        expect((await login(user.email, 'Wrong-password-99', `203.0.113.${attempt}`)).login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      }
      const locked = await login(user.email, user.password, '203.0.113.50');
      expect(locked.login.tokens).toBeNull();
      expect(locked.login.userErrors[0]).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringContaining('try again in 11 minute(s)') });
      const rows = await t.orm.em.fork().find(LoginFailure, { key: { $like: 'account:%' } });
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(rows)).not.toContain(user.email);
      // The first failure leaves the window 15 minutes after it happened.
      t.clock.set(new Date(start.getTime() + 15 * MINUTE + 1000));
      expect((await login(user.email, user.password, '203.0.113.50')).login.userErrors).toEqual([]);
      t.clock.set(start);
    });

    it('locks a client address after 20 failures, whatever the accounts tried', async () => {
      const user = await accounts.user('COUNSELLOR');
      for (let attempt = 0; attempt < 20; attempt++) {
        await login(`guess${attempt}@parcours.test`, 'Wrong-password-99', '192.0.2.77');
      }
      expect((await login(user.email, user.password, '192.0.2.77')).login.userErrors[0].code).toBe('TOO_MANY_ATTEMPTS');
      expect((await login(user.email, user.password, '192.0.2.78')).login.userErrors).toEqual([]);
    });
  });
});
