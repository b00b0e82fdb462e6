import type { StoredTokens } from "./stores/types.js";

/**
 * The subject and display name of stored tokens, read from the ID token when there is one, else from the
 * access token when it is a JWT (identity domains issue JWTs). Read for display only: nothing is verified
 * here, and no token leaves this function.
 */
export function whoIsSignedIn(tokens: StoredTokens): { subject?: string; displayName?: string } {
  const claims = (tokens.idToken && payload(tokens.idToken)) || payload(tokens.accessToken);
  if (!claims) return {};
  const subject = typeof claims.sub === "string" ? claims.sub : undefined;
  const name = claims.user_displayname ?? claims.name;
  return { ...(subject ? { subject } : {}), ...(typeof name === "string" ? { displayName: name } : {}) };
}

function payload(jwt: string): Record<string, unknown> | undefined {
  const part = jwt.split(".")[1];
  if (!part) return undefined;
  try {
    // base64url → base64 → bytes → UTF-8: web APIs only, so this runs in browsers and edge runtimes too.
    const base64 = part
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
