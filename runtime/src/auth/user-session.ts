import * as oidc from "openid-client";
import type { Clock } from "../call/clock.js";
import { configurationOf } from "./domain-configuration.js";
import { tokenEndpointOrigin } from "./domain-choice.js";
import type { IdentityDomain } from "./discovery.js";
import { tokenBinding } from "./instance-binding.js";
import type { RefreshAhead, SessionStatus } from "./session-status.js";
import { TokenSession } from "./session.js";
import { chooseStore } from "./stores/choose-store.js";
import type { TokenStoreChoice } from "./stores/types.js";
import { toOicError } from "./token-errors.js";
import type { OicAuth } from "./types.js";

/** An {@link OicAuth} that calls OIC as a user and keeps them signed in, however they signed in. */
export interface UserAuth extends OicAuth {
  /** The scope asked for, space-separated (`offline_access` included when asked for). */
  readonly scope: string;
  /** Origin of the instance these tokens are for; a client for another instance refuses this auth. */
  readonly instanceUrl: string;
  getAuthorization(options?: { signal?: AbortSignal }): Promise<string>;
  handleUnauthorized(rejected: string, options?: { signal?: AbortSignal }): Promise<boolean>;
  /** Signs in now (even if tokens are stored) and stores the new tokens. */
  login(options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Forgets the stored tokens and, unless `revoke: false`, revokes the refresh token at the identity
   * domain (best effort: an unreachable domain does not fail the logout). Resolves whether it was revoked.
   */
  logout(options?: { revoke?: boolean }): Promise<{ revoked: boolean }>;
  /** Whether a user is signed in, when the token expires, and whether it can be refreshed. Never a token. */
  status(): Promise<SessionStatus>;
}

/**
 * The part every user grant shares (authorization code, device code, user assertion): one {@link TokenSession}
 * that refreshes with the refresh token and rotates it, a store chosen by the login's key, and logout with
 * revocation. A grant only says how a sign-in happens (`signIn`) and whether it needs a person
 * (`needsUser`: after a 401 without a refresh token, only grants that need nobody sign in again by themselves).
 */
export function userAuth(
  domain: IdentityDomain,
  options: {
    scope: string;
    instanceUrl: string;
    store?: TokenStoreChoice;
    refreshAhead?: RefreshAhead;
    clock?: Pick<Clock, "now">;
    needsUser: boolean;
    signIn(signal?: AbortSignal): Promise<oidc.TokenEndpointResponse>;
  },
): UserAuth {
  const { scope, instanceUrl } = options;
  const store = chooseStore(options.store, { domain: domain.url, clientId: domain.clientId, scope, instanceUrl });
  const session = new TokenSession({
    store,
    binding: tokenBinding({ domain: domain.url, clientId: domain.clientId, scope, instance: instanceUrl }),
    refreshAhead: options.refreshAhead,
    clock: options.clock,
    source: {
      async refresh(refreshToken) {
        const config = await configurationOf(domain);
        try {
          return await oidc.refreshTokenGrant(config, refreshToken);
        } catch (error) {
          throw toOicError(error, "refresh_token", await tokenEndpointOrigin(domain));
        }
      },
      // After a 401 without a refresh token, asking a person to sign in is the caller's decision, not ours.
      acquire: ({ interactive }) => (interactive || !options.needsUser ? options.signIn() : Promise.resolve(undefined)),
    },
  });

  return {
    scope,
    instanceUrl,
    getAuthorization: (o) => session.getAuthorization(o),
    handleUnauthorized: (rejected, o) => session.handleUnauthorized(rejected, o),
    async login(o) {
      await session.replace(await options.signIn(o?.signal));
    },
    async logout(o) {
      const removed = await session.clear();
      if (o?.revoke === false || !removed?.refreshToken) return { revoked: false };
      try {
        const config = await configurationOf(domain);
        if (!config.serverMetadata().revocation_endpoint) return { revoked: false };
        await oidc.tokenRevocation(config, removed.refreshToken, { token_type_hint: "refresh_token" });
        return { revoked: true };
      } catch {
        return { revoked: false };
      }
    },
    status: () => session.status(),
  };
}
