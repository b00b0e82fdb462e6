import { systemClock, type Clock } from "../call/clock.js";
import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError, OicLoginRequiredError } from "../errors.js";
import {
  DEFAULT_POLL_INTERVAL_MS,
  pollForTokens,
  requestDeviceCode,
  type DeviceCodePrompt,
} from "./device-authorization.js";
import { resolveDomain, type DomainChoice } from "./domain-choice.js";
import { loginInstance, requireInstance } from "./instance-binding.js";
import { normaliseScope, oicScope } from "./scope.js";
import type { RefreshAhead } from "./session-status.js";
import type { TokenStoreChoice } from "./stores/types.js";
import { userAuth, type UserAuth } from "./user-session.js";

export type { DeviceCodePrompt } from "./device-authorization.js";

/** Settings of {@link deviceCode} besides the identity domain. */
export interface DeviceCodeSettings {
  /** The OIC instance these tokens are for (see `authorizationCode`). Default: the instance the scope names. */
  instanceUrl?: string;
  /** Scope to ask for. Default `oicScope(instanceUrl)`. */
  scope?: string | readonly string[];
  /** Add `offline_access` to get a refresh token. Default `true`. */
  offlineAccess?: boolean;
  /** Where tokens are kept: a store, or a function of the login's key. Default: memory. */
  store?: TokenStoreChoice;
  /**
   * Shows the user where to go and the code to enter (print it, render a QR code, send it to a chat...).
   * Called once per sign-in, before polling starts. `false`: never sign in from here (calls without
   * usable tokens throw `OIC_LOGIN_REQUIRED`). `@oic-gen/runtime/node`'s `deviceCode` prints on stderr by default.
   */
  showCode: ((prompt: DeviceCodePrompt) => void | Promise<void>) | false;
  /** Give up after this long (ms), or when the code expires if that is sooner. Default: when the code expires. */
  loginTimeoutMs?: number;
  /** Wait between polls (ms). Default: the `interval` the domain sends, else 5 000 (RFC 8628; identity domains send none). */
  pollIntervalMs?: number;
  /** Time source for polling and token lifetimes (`now`, `sleep`); tests inject one. Default: the real clock. */
  clock?: Pick<Clock, "now" | "sleep">;
  /** When to renew ahead of expiry. Default min(5 minutes, 10% of the token lifetime). */
  refreshAhead?: RefreshAhead;
}

/** Options of {@link deviceCode}: the identity domain (or its options) plus {@link DeviceCodeSettings}. */
export type DeviceCodeOptions = DomainChoice & DeviceCodeSettings;

/** An {@link OicAuth} that signs a user in with the device code grant and keeps them signed in. */
export type DeviceCodeAuth = UserAuth;

/**
 * Calls OIC as a user who signs in on another device (OAuth 2.0 device authorization grant, RFC 8628): for an
 * SSH session, a container or any machine without a browser. The runtime asks the identity domain for a code
 * (`POST /oauth2/v1/device`), `showCode` tells the user where to enter it, and the runtime polls the token
 * endpoint until they have. After that it behaves like `authorizationCode`: refresh ahead of expiry, rotated
 * refresh tokens saved first, the same stores. The application needs the Device Code grant (and Refresh Token).
 *
 * Errors: `OIC_LOGIN_DENIED` when the user refuses, `OIC_LOGIN_TIMEOUT` when the code expires first,
 * `OIC_ABORTED` when `signal` fires.
 *
 * @example
 * ```ts
 * const auth = deviceCode({ domain, instanceUrl, store, showCode: ({ verificationUri, userCode }) => console.log(`Open ${verificationUri} and enter ${userCode}`) });
 * await auth.login();
 * ```
 */
export function deviceCode(options: DeviceCodeOptions): DeviceCodeAuth {
  const domain = resolveDomain(options);
  const scope = normaliseScope(options.scope ?? oicScope(requireInstance(options.instanceUrl)), {
    offlineAccess: options.offlineAccess,
  });
  const instanceUrl = loginInstance(options.instanceUrl, scope);
  const clock = options.clock ?? systemClock;
  for (const [name, value] of [
    ["pollIntervalMs", options.pollIntervalMs],
    ["loginTimeoutMs", options.loginTimeoutMs],
  ] as const) {
    if (value !== undefined && !(value > 0))
      throw new OicError(OIC_CONFIGURATION, `${name} must be a positive number of milliseconds`);
  }
  if (options.showCode !== false && typeof options.showCode !== "function")
    throw new OicError(OIC_CONFIGURATION, "showCode must be a function that shows the user code, or false");

  async function signIn(signal?: AbortSignal) {
    const show = options.showCode;
    if (show === false)
      throw new OicLoginRequiredError("no usable tokens for this user: sign in first (oic-gen login --device)");
    const started = clock.now();
    const authorization = await requestDeviceCode(domain, scope, started);
    await show(authorization.prompt);
    return pollForTokens(domain, authorization, {
      intervalMs: options.pollIntervalMs ?? authorization.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      deadline: started + (options.loginTimeoutMs ?? Infinity),
      clock: { ...systemClock, ...clock },
      signal,
    });
  }

  return userAuth(domain, {
    scope,
    instanceUrl,
    store: options.store,
    refreshAhead: options.refreshAhead,
    clock,
    needsUser: true,
    signIn,
  });
}
