import {
  authorizationCode as webAuthorizationCode,
  type AuthorizationCodeAuth,
  type AuthorizationCodeSettings,
  type LoginMode,
} from "../auth/authorization-code.js";
import type { DomainChoice } from "../auth/domain-choice.js";
import { checkLoopbackRedirect, loopbackLogin, type LoopbackLoginOptions } from "./loopback-mode.js";

/** {@link AuthorizationCodeSettings} where `login` may also be `"loopback"` (the default), with its browser opener. */
export type NodeAuthorizationCodeOptions = DomainChoice &
  Omit<AuthorizationCodeSettings, "login"> &
  LoopbackLoginOptions & {
    /** `"loopback"` (default): {@link loopbackLogin}; or `"none"`, or a custom login function. */
    login?: LoginMode | "loopback";
  };

/**
 * `authorizationCode` with the loopback login injected: the first call without usable tokens opens the
 * system browser and waits on the redirect URL's loopback port. Everything else is the web entry's
 * `authorizationCode`.
 */
export function authorizationCode(options: NodeAuthorizationCodeOptions): AuthorizationCodeAuth {
  const { login = "loopback", openBrowser, ...rest } = options;
  if (login === "loopback") checkLoopbackRedirect(options.redirectUri);
  return webAuthorizationCode({
    ...rest,
    login: login === "loopback" ? loopbackLogin({ openBrowser }) : login,
  } as Parameters<typeof webAuthorizationCode>[0]);
}
