import type { Clock } from "../call/clock.js";
import * as oidc from "openid-client";
import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError } from "../errors.js";
import { loadClientKey, signAssertion, type ClientKey, type ClientKeyOptions } from "./client-authentication.js";
import { configurationOf, internalsOf } from "./domain-configuration.js";
import { resolveDomain, tokenEndpointOrigin, type DomainChoice } from "./domain-choice.js";
import { loginInstance, requireInstance } from "./instance-binding.js";
import { normaliseScope, oicScope } from "./scope.js";
import type { RefreshAhead } from "./session-status.js";
import type { TokenStoreChoice } from "./stores/types.js";
import { toOicError } from "./token-errors.js";
import { userAuth, type UserAuth } from "./user-session.js";

/** The grant type of a token request that presents a signed user assertion (RFC 7523). */
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** Settings of {@link userAssertion} besides the identity domain. */
export interface UserAssertionSettings {
  /** The user to act as: their user name in the identity domain (the assertion's `sub`). */
  user: string;
  /** The OIC instance these tokens are for (see `authorizationCode`). Default: the instance the scope names. */
  instanceUrl?: string;
  /** Scope to ask for. Default `oicScope(instanceUrl)`. */
  scope?: string | readonly string[];
  /** Add `offline_access` to get a refresh token. Default `false`: a new assertion is signed when the token expires. */
  offlineAccess?: boolean;
  /**
   * The key that signs the user assertion: the private key of the certificate uploaded to the application,
   * and its alias as `kid`. Default: the domain's `clientKey` (one key for both assertions).
   */
  signingKey?: ClientKeyOptions;
  /** Extra claims for the user assertion (the identity domain's own, e.g. `user.tenant.name`). */
  claims?: Record<string, unknown>;
  /** Where tokens are kept. Default: memory. */
  store?: TokenStoreChoice;
  /** When to renew ahead of expiry. Default min(5 minutes, 10% of the token lifetime). */
  refreshAhead?: RefreshAhead;
  /** Time source for token lifetimes (`now`, epoch ms); tests inject one to let tokens expire without waiting. Default: the real clock. */
  clock?: Pick<Clock, "now">;
}

/** Options of {@link userAssertion}: the identity domain (or its options) plus {@link UserAssertionSettings}. */
export type UserAssertionOptions = DomainChoice & UserAssertionSettings;

/** An {@link OicAuth} that acts as a named user by signed assertion; it never needs the user present. */
export type UserAssertionAuth = UserAuth;

/**
 * Calls OIC as a named user without an interactive sign-in (JWT user assertion, RFC 7523
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`): the application signs an assertion that says
 * "this is `user`" (`iss` = client id, `sub` = user name, `aud` = `https://identity.oraclecloud.com/`, `iat`,
 * `exp`, `jti`; header `kid` = certificate alias) and trades it for the user's token. For trusted backends:
 * the application must have the JWT Assertion grant and the certificate uploaded. The client itself
 * authenticates as usual (secret or `clientKey`). A new assertion is signed whenever a token is needed.
 *
 * @example
 * ```ts
 * const auth = userAssertion({ domainUrl, clientId, clientKey: { privateKey: pem, kid: "oic-gen" }, user: "alice", instanceUrl });
 * ```
 */
export function userAssertion(options: UserAssertionOptions): UserAssertionAuth {
  const domain = resolveDomain(options);
  if (typeof options.user !== "string" || options.user === "")
    throw new OicError(OIC_CONFIGURATION, "user is required: the user name to act as");
  const scope = normaliseScope(options.scope ?? oicScope(requireInstance(options.instanceUrl)), {
    offlineAccess: options.offlineAccess ?? false,
  });
  const instanceUrl = loginInstance(options.instanceUrl, scope);
  let own: Promise<ClientKey> | undefined;
  const signingKey = async (): Promise<ClientKey> => {
    if (options.signingKey) return (own ??= loadClientKey(domain.clientId, options.signingKey));
    await configurationOf(domain); // imports the domain's clientKey
    const key = internalsOf(domain).clientKey;
    if (!key)
      throw new OicError(
        OIC_CONFIGURATION,
        "userAssertion needs a signingKey, or a domain that authenticates with clientKey",
      );
    return key;
  };

  async function signIn() {
    const config = await configurationOf(domain);
    const assertion = await signAssertion(await signingKey(), options.user, options.claims);
    try {
      return await oidc.genericGrantRequest(config, JWT_BEARER_GRANT, { assertion, scope });
    } catch (error) {
      throw toOicError(error, "jwt_bearer", await tokenEndpointOrigin(domain));
    }
  }

  return userAuth(domain, {
    scope,
    instanceUrl,
    store: options.store,
    refreshAhead: options.refreshAhead,
    clock: options.clock,
    needsUser: false,
    signIn,
  });
}
