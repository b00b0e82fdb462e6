import type { CustomLogin } from "../auth/authorization-code.js";
import { openSystemBrowser } from "./open-browser.js";
import { parseLoopbackRedirect, receiveLoopbackCallback } from "./loopback-login.js";

/** Options of {@link loopbackLogin}. */
export interface LoopbackLoginOptions {
  /** Opens the authorization URL. Default {@link openSystemBrowser} (prints the URL when there is no browser). */
  openBrowser?: (url: URL) => void | Promise<void>;
}

/**
 * A login for scripts, CLIs and desktop apps (RFC 8252): listens on the redirect URL's loopback port, opens the
 * system browser at the identity domain, and resolves with the callback that carries the expected `state`.
 * Pass it as `login` to `authorizationCode` (the default of `@oic-gen/runtime/node`'s `authorizationCode`).
 */
export function loopbackLogin(options: LoopbackLoginOptions = {}): CustomLogin {
  const openBrowser = options.openBrowser ?? openSystemBrowser;
  return ({ authorizationUrl, redirectUri, state, signal }) =>
    receiveLoopbackCallback({
      redirectUri,
      state,
      onListening: () => openBrowser(authorizationUrl),
      timeoutMs: Infinity,
      signal,
    });
}

/** Checks early that `redirectUri` suits a loopback login (http, loopback host, explicit port). */
export { parseLoopbackRedirect as checkLoopbackRedirect };
