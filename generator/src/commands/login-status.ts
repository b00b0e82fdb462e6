import { cliLoginStore, type DeviceCodePrompt, type UserAuth } from "@oic-gen/runtime/node";
import { cachedLogins } from "../cli/cached-logins.js";
import { CommandError } from "../cli/command-error.js";
import { scopeProblem } from "../cli/scope-reach.js";
import { describeConfigSource } from "../config.js";
import { reportNotice } from "../report.js";
import type { Connection } from "./connection.js";

/**
 * "Signed in as alice at <domain> for <instance>; access token valid until ...; refreshable". Who is signed in
 * comes from the runtime's status (read from the stored tokens for display); no token is ever printed.
 */
export async function describeLogin(connection: Connection, auth: UserAuth): Promise<string> {
  const status = await auth.status();
  const user = status.displayName ?? status.subject;
  const parts = [
    `${user ? `Signed in as ${user}` : "Signed in"} at ${connection.domainUrl} for ${connection.instanceUrl}`,
  ];
  if (status.expiresAt) parts.push(`access token valid until ${status.expiresAt.toISOString()}`);
  parts.push(
    status.refreshable ? "renewed silently with a refresh token" : "no refresh token: sign in again when it expires",
  );
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
  const store = cliLoginStore({
    domain: connection.domainUrl,
    clientId: connection.clientId,
    scope: auth.scope,
    instanceUrl: auth.instanceUrl,
  });
  return (await store.where()) === "keychain"
    ? `The refresh token is kept in the OS keychain; the rest in ${store.path}.`
    : `The tokens are kept in ${store.path} (readable by you only): there is no OS keychain here.`;
}

/** Warns (stderr) when the scope cannot reach the configured instance: the login would "work" and OIC answer 401. */
export function warnIfScopeMisses(connection: Connection): void {
  const problem = scopeProblem(connection.scope, connection.instanceUrl);
  if (problem) reportNotice(problem);
}

/** "Not signed in for <instance>", and, when this client has a cached login for another instance, which one. */
export async function notSignedIn(connection: Connection): Promise<{ message: string; hints: string[] }> {
  const scopeOf = (scope: string) =>
    scope
      .split(/\s+/)
      .filter((part) => part !== "" && part !== "offline_access")
      .sort()
      .join(" ");
  const origin = new URL(connection.instanceUrl).origin;
  const others = (await cachedLogins(connection.domainUrl, connection.clientId)).filter(
    (login) => login.instance !== origin || scopeOf(login.scope) !== scopeOf(connection.scope),
  );
  const hints = others.map(
    (login) =>
      `a cached login of this client is for ${login.instance} (scope ${login.scope}): is --instance or instanceUrl mistyped?`,
  );
  hints.push("Run oic-gen login (with these same settings) to sign in.");
  return { message: `not signed in for ${connection.instanceUrl} at ${connection.domainUrl}.`, hints };
}

/** A failed sign-in, with what the CLI knows: the variable the secret came from, the redirect port. */
export function explainLoginFailure(error: unknown, connection: Connection): Error {
  if (error instanceof CommandError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === "OIC_INVALID_CLIENT") {
    return new CommandError(`the identity domain refused the client: ${(error as Error).message}`, [
      `Check the client id ${connection.clientId} and the client secret read from ${connection.secretEnv} (${describeConfigSource(connection.config)}).`,
    ]);
  }
  return error instanceof Error ? error : new Error(String(error));
}
