import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError } from "../errors.js";
import { CONSUMER_SCOPE_SUFFIX, MANAGEMENT_SCOPE_SUFFIX } from "./scope.js";

/**
 * The origin of the OIC instance a login is for: `instanceUrl` when given, else the audience the scope
 * names (`https://<host>:443urn:opc:resource:consumer::all` or `https://<host>:443/ic/api/`). Tokens are
 * stored under it and sent nowhere else. Gen3 instances whose audience is not their runtime host give
 * `instanceUrl` explicitly.
 */
export function loginInstance(instanceUrl: string | undefined, scope: string): string {
  if (instanceUrl !== undefined) return instanceOrigin(instanceUrl);
  for (const part of scope.split(" ")) {
    const audience = part.endsWith(CONSUMER_SCOPE_SUFFIX)
      ? part.slice(0, -CONSUMER_SCOPE_SUFFIX.length)
      : part.endsWith(MANAGEMENT_SCOPE_SUFFIX)
        ? part.slice(0, -MANAGEMENT_SCOPE_SUFFIX.length)
        : undefined;
    if (audience && /^https?:\/\/[^/]+$/.test(audience)) return instanceOrigin(audience);
  }
  throw new OicError(
    OIC_CONFIGURATION,
    "give instanceUrl: the scope names no OIC instance, and tokens are only ever sent to the instance they were obtained for",
  );
}

/** `https://host[:port]` of an instance URL (default ports dropped), validated. */
export function instanceOrigin(instanceUrl: string): string {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw new OicError(OIC_CONFIGURATION, `instanceUrl is not a URL: ${JSON.stringify(instanceUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new OicError(OIC_CONFIGURATION, `instanceUrl must be http(s), got ${url.protocol}`);
  return url.origin;
}

/**
 * What stored tokens are keyed by: identity domain, client, scope asked for and instance. A session ignores
 * tokens stored under another key (another instance, say) rather than send them to the wrong place.
 */
export function tokenBinding(key: { domain: string; clientId: string; scope: string; instance: string }): string {
  return JSON.stringify([key.domain, key.clientId, key.scope, key.instance]);
}

/** Without a scope, the instance decides it (`oicScope(instanceUrl)`), so one of the two must be given. */
export function requireInstance(instanceUrl: string | undefined): string {
  if (instanceUrl === undefined)
    throw new OicError(OIC_CONFIGURATION, "give instanceUrl (the scope defaults to oicScope(instanceUrl)) or scope");
  return instanceUrl;
}
