import type { OicAuth } from "./auth/types.js";
import { OIC_CONFIGURATION } from "./error-codes.js";
import { OicError } from "./errors.js";
import { isLoopbackHost } from "./loopback-host.js";

/**
 * The instance URL a client calls: its origin plus an optional path prefix (generated paths carry `/ic/...`).
 * Plain http only on loopback unless `allowInsecureHttp`; with an auth bound to an instance, the two must
 * agree, so that a switched or mistyped `instanceUrl` never receives another instance's token.
 */
export function clientInstanceUrl(
  value: string | undefined,
  auth: OicAuth | undefined,
  allowInsecureHttp: boolean,
): string {
  const given = value ?? auth?.instanceUrl;
  if (given === undefined)
    throw new OicError(OIC_CONFIGURATION, "instanceUrl is required (or an auth that names its instance)");
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new OicError(OIC_CONFIGURATION, `instanceUrl is not a URL: ${JSON.stringify(given)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new OicError(OIC_CONFIGURATION, `instanceUrl must be http(s), got ${url.protocol}`);
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new OicError(
      OIC_CONFIGURATION,
      `instanceUrl must be https (${url.origin}): plain http would expose the bearer token; it is accepted for loopback hosts, or with allowInsecureHttp: true`,
    );
  }
  if (url.username || url.password)
    throw new OicError(OIC_CONFIGURATION, "instanceUrl must not carry a user name or password");
  if (auth?.instanceUrl !== undefined && new URL(auth.instanceUrl).origin !== url.origin) {
    throw new OicError(
      OIC_CONFIGURATION,
      `this auth's tokens are for ${new URL(auth.instanceUrl).origin}, not ${url.origin}: create an auth (with its own instanceUrl or scope) for each instance`,
    );
  }
  // Only the origin and an optional prefix path are kept.
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
