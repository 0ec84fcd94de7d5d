import { Injectable } from '@nestjs/common';
import { AppConfig, type OidcConfig } from '@parcours/config';
import * as oidc from 'openid-client';
import { AccountsError, type AccountsErrorCode } from '../accounts-error';

/** What a sign-in attempt keeps between leaving for the provider and coming back (the attempt cookie). */
export interface OidcAttempt {
  state: string;
  nonce: string;
  verifier: string;
}

/** What the provider proved: who (its issuer's subject), the e-mail it sent, and whether it vouches for it. */
export interface ProvenIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVouched: boolean;
  idToken: string;
}

/**
 * The OpenID Connect provider (ProConnect), through openid-client: the authorization code flow with
 * PKCE, `state` and `nonce`, the ID token's signature checked against the provider's published keys, the
 * userinfo (signed, for ProConnect) against the ID token's subject. The provider is discovered from
 * its issuer URL at the first sign-in, and again after a failure.
 */
@Injectable()
export class IdentityProvider {
  private readonly settings?: OidcConfig;
  private discovered?: Promise<oidc.Configuration>;

  constructor(config: AppConfig) {
    this.settings = config.oidc;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** The provider's name, for the console's button; null when OpenID Connect is off. */
  get name(): string | null {
    return this.settings?.providerName ?? null;
  }

  /** Where to send the browser, and what to check when it comes back. */
  async authorizationUrl(): Promise<{ url: string; attempt: OidcAttempt }> {
    const settings = this.on();
    const configuration = await this.configuration();
    const attempt: OidcAttempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { url: url.href, attempt };
  }

  /**
   * The code of the provider's redirect traded for tokens: state, PKCE and nonce checked, the ID
   * token's signature, issuer, audience and times; then the userinfo for the e-mail. Each refusal
   * its own code (the console says it in French); nothing of the tokens in any message.
   */
  async identify(callbackUrl: URL, attempt: OidcAttempt): Promise<ProvenIdentity> {
    const settings = this.on();
    const configuration = await this.configuration();
    let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    let info: oidc.UserInfoResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      info = await oidc.fetchUserInfo(configuration, tokens.access_token, tokens.claims()!.sub);
    } catch (error) {
      throw refusal(error);
    }
    const claims = tokens.claims()!;
    // A provider that vouches (ProConnect) sends the e-mail in its userinfo, signed (configuration()); another, with email_verified.
    const email = typeof info.email === 'string' ? info.email : !settings.vouchesForEmails && typeof claims.email === 'string' ? claims.email : null;
    const verified = settings.vouchesForEmails || (typeof info.email === 'string' ? info.email_verified : claims.email_verified) === true;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      emailVouched: email !== null && verified,
      idToken: tokens.id_token!,
    };
  }

  /** The provider's logout for a session it opened, when it has one (end_session_endpoint); back to the sign-in page after. */
  async logoutUrl(idToken: string): Promise<string | null> {
    const settings = this.on();
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: new URL('/connexion', settings.redirectUrl).href,
    }).href;
  }

  private on(): OidcConfig {
    if (!this.settings) throw new AccountsError('OIDC_OFF', 'Sign-in through an identity provider is not set up on this server (OIDC_ISSUER_URL…).');
    return this.settings;
  }

  private configuration(): Promise<oidc.Configuration> {
    const settings = this.on();
    this.discovered ??= oidc
      .discovery(
        new URL(settings.issuerUrl),
        settings.clientId,
        // A provider vouching for e-mails must sign its userinfo (ProConnect: RS256); an unsigned one is refused.
        settings.vouchesForEmails ? { userinfo_signed_response_alg: 'RS256' } : {},
        oidc.ClientSecretPost(settings.clientSecret),
        // http only for a provider on this machine (config.ts allows no other).
        new URL(settings.issuerUrl).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .then((configuration) => {
        // The ID token's signature and the signed userinfo's, against the provider's published keys
        // (openid-client trusts the TLS of the token endpoint alone unless told so).
        oidc.enableNonRepudiationChecks(configuration);
        return configuration;
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw refusal(error);
      });
    return this.discovered;
  }
}

/** A failure of the exchange, by what went wrong; the provider's words stay out of it. */
function refusal(error: unknown): AccountsError {
  const say = (code: AccountsErrorCode, message: string) => new AccountsError(code, message);
  if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
    return say('OIDC_CODE_REFUSED', 'The provider refused the code it gave (already used, or expired): sign in again.');
  }
  if (error instanceof oidc.AuthorizationResponseError) return say('OIDC_PROVIDER_ERROR', 'The provider did not sign you in (refused or cancelled).');
  const causes: unknown[] = [];
  for (let cause: unknown = error; cause && causes.length < 5; cause = (cause as { cause?: unknown }).cause) causes.push(cause);
  const codes = causes.map((cause) => (cause as { code?: unknown }).code);
  if (causes.some((cause) => (cause as { claim?: unknown }).claim === 'nonce')) return say('OIDC_NONCE_MISMATCH', 'The ID token was not issued for this sign-in (nonce).');
  if (causes.some((cause) => (cause as { claim?: unknown }).claim !== undefined || /signature|JWT|ID Token/i.test((cause as Error).message ?? ''))
    || codes.some((code) => ['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'OAUTH_KEY_SELECTION_FAILED', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'].includes(String(code)))) {
    return say('OIDC_ID_TOKEN_INVALID', 'The provider\'s ID token is not valid (signature, issuer, audience or expiry).');
  }
  return say('OIDC_PROVIDER_ERROR', 'The identity provider could not be reached or answered unexpectedly: try again later.');
}
