import type { Clock } from "../call/clock.js";
import { configurationOf } from "./domain-configuration.js";
import * as oidc from "openid-client";
import { resolveDomain, tokenEndpointOrigin, type DomainChoice } from "./domain-choice.js";
import { loginInstance, requireInstance, tokenBinding } from "./instance-binding.js";
import { normaliseScope, oicScope } from "./scope.js";
import type { RefreshAhead, SessionStatus } from "./session-status.js";
import { TokenSession } from "./session.js";
import { chooseStore } from "./stores/choose-store.js";
import type { TokenStoreChoice } from "./stores/types.js";
import { toOicError } from "./token-errors.js";
import type { OicAuth } from "./types.js";

/** Settings of {@link clientCredentials} besides the identity domain. */
export interface ClientCredentialsSettings {
  /** The OIC instance these tokens are for (see {@link AuthorizationCodeSettings.instanceUrl}). Default: the instance the scope names. */
  instanceUrl?: string;
  /** Scope to ask for. Default `oicScope(instanceUrl)`. */
  scope?: string | readonly string[];
  /** Where tokens are kept: a store, or a function of the login's key. Default: {@link memoryTokenStore}. */
  store?: TokenStoreChoice;
  /** When to renew ahead of expiry. Default min(5 minutes, 10% of the token lifetime). */
  refreshAhead?: RefreshAhead;
  /** Time source for token lifetimes (`now`, epoch ms); tests inject one to let tokens expire without waiting. Default: the real clock. */
  clock?: Pick<Clock, "now">;
}

/** Options of {@link clientCredentials}. */
export type ClientCredentialsOptions = DomainChoice & ClientCredentialsSettings;

/** An {@link OicAuth} for service-to-service calls. */
export interface ClientCredentialsAuth extends OicAuth {
  /** The scope asked for, space-separated. */
  readonly scope: string;
  /** Origin of the instance these tokens are for; a client for another instance refuses this auth. */
  readonly instanceUrl: string;
  getAuthorization(options?: { signal?: AbortSignal }): Promise<string>;
  handleUnauthorized(rejected: string, options?: { signal?: AbortSignal }): Promise<boolean>;
  /** What is stored, never a token. */
  status(): Promise<SessionStatus>;
  /** Forgets the stored token (the same word as `authorizationCode`'s; there is no refresh token to revoke). */
  logout(): Promise<{ revoked: boolean }>;
}

/**
 * Calls OIC as the confidential application itself (OAuth 2.0 client credentials grant, secret as a
 * Basic header), for service-to-service calls. A new token is requested ahead of expiry and after a 401;
 * concurrent calls share one request.
 *
 * @example
 * ```ts
 * const oic = createOicClient({ instanceUrl, auth: clientCredentials({ domainUrl, clientId, clientSecret, scope: oicScope(instanceUrl) }) });
 * ```
 */
export function clientCredentials(options: ClientCredentialsOptions): ClientCredentialsAuth {
  const domain = resolveDomain(options);
  const scope = normaliseScope(options.scope ?? oicScope(requireInstance(options.instanceUrl)), {
    offlineAccess: false,
  });
  const instanceUrl = loginInstance(options.instanceUrl, scope);
  const store = chooseStore(options.store, { domain: domain.url, clientId: domain.clientId, scope, instanceUrl });
  const session = new TokenSession({
    store,
    binding: tokenBinding({ domain: domain.url, clientId: domain.clientId, scope, instance: instanceUrl }),
    refreshAhead: options.refreshAhead,
    clock: options.clock,
    source: {
      async acquire() {
        const config = await configurationOf(domain);
        try {
          return await oidc.clientCredentialsGrant(config, { scope });
        } catch (error) {
          throw toOicError(error, "client_credentials", await tokenEndpointOrigin(domain));
        }
      },
    },
  });
  return {
    scope,
    instanceUrl,
    getAuthorization: (o) => session.getAuthorization(o),
    handleUnauthorized: (rejected, o) => session.handleUnauthorized(rejected, o),
    status: () => session.status(),
    async logout() {
      await session.clear();
      return { revoked: false };
    },
  };
}
