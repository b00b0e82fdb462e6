import { OicError } from "../errors.js";

/** The resource part of the scope that lets a token call an instance's integrations: `<audience>urn:opc:resource:consumer::all`. */
export const CONSUMER_SCOPE_SUFFIX = "urn:opc:resource:consumer::all";

/** The resource part of the gen3 Developer (management) API scope: `<audience>/ic/api/`. */
export const MANAGEMENT_SCOPE_SUFFIX = "/ic/api/";

/**
 * The primary audience of an OIC instance as identity domains write it: origin with an explicit port,
 * e.g. `https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com:443`.
 */
export function oicAudience(instanceUrl: string | URL): string {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw new OicError("OIC_CONFIGURATION", `instanceUrl is not a URL: ${JSON.stringify(String(instanceUrl))}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new OicError("OIC_CONFIGURATION", `instanceUrl must be http(s), got ${url.protocol}`);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.protocol}//${url.hostname}:${port}`;
}

/**
 * The scope that lets a token call the REST-triggered integrations of an instance:
 * `<audience>urn:opc:resource:consumer::all` with no separator, e.g.
 * `https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com:443urn:opc:resource:consumer::all`.
 *
 * @param instanceUrl The instance's runtime URL (path and query are ignored).
 */
export function oicScope(instanceUrl: string | URL): string {
  return `${oicAudience(instanceUrl)}${CONSUMER_SCOPE_SUFFIX}`;
}

/**
 * Space-separated, de-duplicated scope string. `offline_access` is added unless `offlineAccess` is false:
 * without it the identity domain issues no refresh token and every expiry means a new sign-in.
 */
export function normaliseScope(scope: string | readonly string[], options: { offlineAccess?: boolean } = {}): string {
  const parts = (typeof scope === "string" ? scope.split(/\s+/) : scope.flatMap((s) => s.split(/\s+/))).filter(
    (s) => s !== "",
  );
  if (options.offlineAccess !== false && !parts.includes("offline_access")) parts.push("offline_access");
  const unique = [...new Set(parts)];
  if (unique.length === 0)
    throw new OicError(
      "OIC_CONFIGURATION",
      "scope is empty; use oicScope(instanceUrl) for the instance's integrations",
    );
  return unique.join(" ");
}
