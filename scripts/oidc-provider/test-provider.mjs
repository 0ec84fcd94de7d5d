// An OpenID Connect provider on this machine, for the tests and the demo only: oidc-provider 8,
// configured like ProConnect (its claims, a signed userinfo, no email_verified) or, with
// OIDC_TEST_MODE=verified, like a provider that sends email_verified. Never for production.
//
//   node scripts/oidc-provider/test-provider.mjs
//
// Settings (environment): OIDC_TEST_PORT (0: any free port), OIDC_TEST_CLIENT_ID,
// OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URL (the server's /session/oidc/callback),
// OIDC_TEST_MODE (proconnect | verified), OIDC_TEST_ACCOUNTS (JSON: { subject: { email, given_name,
// usual_name, … } }). Prints "OIDC provider listening on <issuer>" once ready.
//
// Its sign-in page asks for an identifier (an account's subject) and signs it in, no password.
// For the tests, on the same port: PUT /__test/accounts/<subject> (JSON claims) adds or changes an
// account; PUT /__test/tamper ({ "idToken": "foreign-key" | "expired" | null }) makes the token
// endpoint's next ID tokens signed by another key, or expired.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT ?? 0);
const mode = process.env.OIDC_TEST_MODE === 'verified' ? 'verified' : 'proconnect';
const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'parcours';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET ?? 'parcours-test-secret';
const redirectUrl = process.env.OIDC_TEST_REDIRECT_URL ?? 'http://127.0.0.1:3000/session/oidc/callback';
const accounts = new Map(Object.entries(JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}')));
let tamper = null;

const rsa = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey;
};
const signingKey = rsa();
const foreignKey = rsa();
const jwk = { ...signingKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const SCOPES = ['openid', 'email', 'given_name', 'usual_name', 'uid', 'siret'];
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUrl],
      post_logout_redirect_uris: [new URL('/connexion', redirectUrl).href],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      ...(mode === 'proconnect' ? { userinfo_signed_response_alg: 'RS256' } : {}),
    },
  ],
  jwks: { keys: [jwk] },
  scopes: SCOPES,
  claims: {
    openid: ['sub'],
    email: mode === 'verified' ? ['email', 'email_verified'] : ['email'],
    given_name: ['given_name'],
    usual_name: ['usual_name'],
    uid: ['uid'],
    siret: ['siret'],
  },
  features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource } },
  pkce: { required: () => true },
  cookies: { keys: ['a-test-cookie-key-of-some-length'] },
  // The claims asked are granted at once: the tests' provider asks no consent.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(SCOPES.join(' '));
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, subject) {
    const claims = accounts.get(subject);
    return claims ? { accountId: subject, claims: () => ({ sub: subject, ...claims }) } : undefined;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
});
provider.proxy = false;

// The ID token of the next token responses, re-signed as a broken or hostile provider would.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !tamper || typeof ctx.body?.id_token !== 'string') return;
  const [, payload] = ctx.body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (tamper === 'expired') Object.assign(claims, { iat: claims.iat - 7200, exp: claims.iat - 3600 });
  ctx.body = { ...ctx.body, id_token: jwt(claims, tamper === 'foreign-key' ? foreignKey : signingKey) };
});

function jwt(claims, key) {
  const head = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

function logoutSource(ctx, form) {
  ctx.body = `<!doctype html><html lang="fr"><head><title>Déconnexion</title></head><body>${form}<p>Déconnexion…</p><script>document.forms[0].submit()</script></body></html>`.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
}

const page = (title, body) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const readBody = (request) => new Promise((resolve) => {
  let text = '';
  request.on('data', (chunk) => (text += chunk));
  request.on('end', () => resolve(text));
});
const callback = provider.callback();

server.on('request', async (request, response) => {
  try {
    const url = new URL(request.url, issuer);
    const account = url.pathname.match(/^\/__test\/accounts\/([^/]+)$/);
    if (request.method === 'PUT' && account) {
      accounts.set(decodeURIComponent(account[1]), JSON.parse(await readBody(request)));
      return response.writeHead(204).end();
    }
    if (request.method === 'PUT' && url.pathname === '/__test/tamper') {
      tamper = JSON.parse(await readBody(request)).idToken ?? null;
      return response.writeHead(204).end();
    }
    const interaction = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (interaction && request.method === 'GET') {
      const details = await provider.interactionDetails(request, response);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page('Fournisseur d’identité de test', `<form method="post" action="/interaction/${details.uid}/login"><label for="login">Identifiant</label> <input id="login" name="login" autofocus required> <button type="submit">Se connecter</button></form>`));
    }
    if (interaction?.[2] && request.method === 'POST') {
      const login = new URLSearchParams(await readBody(request)).get('login') ?? '';
      if (!accounts.has(login)) {
        return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'unknown account' }, { mergeWithLastSubmission: false });
      }
      return provider.interactionFinished(request, response, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    }
    return callback(request, response);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end(`test provider: ${error.message} ${randomUUID()}`);
  }
});

console.log(`OIDC provider listening on ${issuer} (${mode})`);
