import { cliLoginStore, type DeviceCodePrompt, type UserAuth } from "@oic-gen/runtime/node";
import type { Connection } from "./connection.js";

/**
 * "Signed in as alice at <domain> for <instance>; access token valid until ...; refreshable". Who is signed in
 * comes from the runtime's status (read from the stored tokens for display); no token is ever printed.
 */
export async function describeLogin(connection: Connection, auth: UserAuth): Promise<string> {
  const status = await auth.status();
  const user = status.displayName ?? status.subject;
  const parts = [`${user ? `Signed in as ${user}` : "Signed in"} at ${connection.domainUrl} for ${connection.instanceUrl}`];
  if (status.expiresAt) parts.push(`access token valid until ${status.expiresAt.toISOString()}`);
  parts.push(status.refreshable ? "renewed silently with a refresh token" : "no refresh token: sign in again when it expires");
  return `${parts.join("; ")}.`;
}

/** What `login --device` shows: the page and the code (meant to be shown; the device code itself never is). */
export function showDeviceCode(prompt: DeviceCodePrompt): void {
  process.stderr.write(
    [
      "To sign in, open this page on any device with a browser:",
      `  ${prompt.verificationUriComplete ?? prompt.verificationUri}`,
      "and enter the code:",
      `  ${prompt.userCode}`,
      `Waiting until ${prompt.expiresAt.toLocaleTimeString()}...`,
      "",
    ].join("\n"),
  );
}

/** Where `oic-gen login` kept the login: the OS keychain when there is one, else the 0600 file (CI, containers). */
export async function describeStorage(connection: Connection, auth: UserAuth): Promise<string> {
  const store = cliLoginStore({ domain: connection.domainUrl, clientId: connection.clientId, scope: auth.scope, instanceUrl: auth.instanceUrl });
  return (await store.where()) === "keychain"
    ? `The refresh token is kept in the OS keychain; the rest in ${store.path}.`
    : `The tokens are kept in ${store.path} (readable by you only): there is no OS keychain here.`;
}
