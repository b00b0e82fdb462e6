import { fileTokenStore, type AuthorizationCodeAuth } from "@oic-gen/runtime";
import type { Connection } from "./connection.js";

/**
 * "Signed in as alice at <domain> for <instance>; access token valid until ...; refreshable". The user name
 * is read from the claims of the stored access token (not verified: only shown); the token itself never is.
 */
export async function describeLogin(connection: Connection, auth: AuthorizationCodeAuth): Promise<string> {
  const status = await auth.status();
  const stored = await fileTokenStore({ name: connection.storeName }).load();
  const user = stored ? userOf(stored.accessToken) : undefined;
  const parts = [`${user ? `Signed in as ${user}` : "Signed in"} at ${connection.domainUrl} for ${connection.instanceUrl}`];
  if (status.expiresAt) parts.push(`access token valid until ${status.expiresAt.toISOString()}`);
  parts.push(status.refreshable ? "renewed silently with a refresh token" : "no refresh token: sign in again when it expires");
  return `${parts.join("; ")}.`;
}

function userOf(jwt: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const name = claims.user_displayname ?? claims.sub;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}
