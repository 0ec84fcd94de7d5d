import { loadConfig } from '@parcours/config';
import { AccountLinks, sameHash } from './account-links';
import { AccountTokenPurpose } from './account-token.entity';

const links = (secret: string) => new AccountLinks(loadConfig({ NODE_ENV: 'test', JWT_SECRET: secret }));
const id = '6f1c1a3e-2b7d-4c55-9f0e-2d8c4c1b9a10';

describe('the links of password resets and invitations', () => {
  const these = links('a-server-secret-of-at-least-32-characters');

  it('keeps only a hash of the secret, and finds it again from the token the e-mail carried', () => {
    const token = these.token(id);
    const [tokenId, secret] = token.split('.');
    expect(tokenId).toBe(id);
    expect(secret).toMatch(/^[\w-]{43}$/);
    const stored = these.secretHash(id);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(secret);
    expect(these.read(token)).toEqual({ id, secretHash: stored });
    expect(sameHash(these.read(token)!.secretHash, stored)).toBe(true);
  });

  it('rebuilds the same link for an id, and another under another server secret', () => {
    expect(these.token(id)).toBe(these.token(id));
    expect(links('another-server-secret-of-32-characters!').token(id)).not.toBe(these.token(id));
  });

  it('opens the page of its purpose, the token in the fragment', () => {
    expect(these.link('https://parcours.example.org', AccountTokenPurpose.PASSWORD_RESET, id)).toBe(`https://parcours.example.org/nouveau-mot-de-passe#${these.token(id)}`);
    expect(these.link('https://parcours.example.org', AccountTokenPurpose.INVITATION, id)).toMatch(/^https:\/\/parcours\.example\.org\/invitation#/);
  });

  it.each(['', 'not-a-token', `${id}`, `${id}.`, 'nope.secret', `${id}.a.b`, `${id}.${'x'.repeat(101)}`])('reads %j as no token of ours', (token) => {
    expect(these.read(token)).toBeNull();
  });

  it('compares hashes of the same length only, in constant time', () => {
    expect(sameHash('ab'.repeat(32), 'ab'.repeat(32))).toBe(true);
    expect(sameHash('ab'.repeat(32), 'ac'.repeat(32))).toBe(false);
    expect(sameHash('ab'.repeat(32), 'ab')).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});
