import { authorizationCode, clientCredentials, cliLoginName, cliLoginStore, createOicClient, fileTokenStore, oicScope, type AuthorizationCodeAuth, type ClientCredentialsAuth, type CustomLogin, type OicClient } from "@oic-gen/runtime/node";
import { CommandError } from "../cli/command-error.js";
import { describeConfigSource, loadConfig, type LoadedConfig } from "../config.js";
import { UsageError } from "../errors.js";

import { DEFAULT_REDIRECT_URI } from "../defaults.js";
import type { ConnectionArgs } from "./connection-options.js";

/** Everything needed to authenticate against one instance, from flags, the config file and the environment. */
export interface Connection {
  config: LoadedConfig;
  instanceUrl: string;
  domainUrl: string;
  clientId: string;
  clientSecret: string;
  /** The environment variable the secret was read from (named in messages, never its value). */
  secretEnv: string;
  /** False when the secret is not set and the command can do without it (`status`, `logout`). */
  hasSecret: boolean;
  scope: string;
  redirectUri: string;
}

/**
 * `needsSecret: false` for commands that can work from the cached tokens alone (`status`, and `logout`, whose
 * revocation is best effort): without the secret nothing is sent to the identity domain.
 */
export function resolveConnection(args: ConnectionArgs, { needsSecret = true } = {}): Connection {
  const config = loadConfig(args.config);
  const instanceUrl = args.instance ?? config.instanceUrl;
  const domainUrl = args.domain ?? config.domainUrl;
  const clientId = args.clientId ?? config.clientId;
  const missing = [!instanceUrl && "--instance (instanceUrl)", !domainUrl && "--domain (domainUrl)", !clientId && "--client-id (clientId)"].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}: give them as flags or in oic-gen.config.json (${describeConfigSource(config)})`);
  for (const [flag, value] of [["--instance", instanceUrl], ["--domain", domainUrl]] as const) {
    if (!URL.canParse(value!) || !/^https?:$/.test(new URL(value!).protocol)) throw new UsageError(`${flag} must be an http(s) URL, got ${JSON.stringify(value)} (${describeConfigSource(config)})`);
  }
  const secretEnv = args.clientSecretEnv ?? config.clientSecretEnv ?? "OIC_CLIENT_SECRET";
  const secret = process.env[secretEnv];
  if (!secret && needsSecret) {
    throw new CommandError(`the client secret is read from the environment: set ${secretEnv}`, [`(${describeConfigSource(config)})`]);
  }
  const scope = args.scope ?? config.scope ?? oicScope(instanceUrl!);
  const redirectUri = args.redirectUri ?? config.redirectUri ?? DEFAULT_REDIRECT_URI;
  return {
    config,
    instanceUrl: instanceUrl!,
    domainUrl: domainUrl!,
    clientId: clientId!,
    clientSecret: secret || "(not needed to read the cached tokens)",
    secretEnv,
    hasSecret: Boolean(secret),
    scope,
    redirectUri,
  };
}

/** Plain http is accepted for an identity domain on this machine only (the sandbox); the runtime enforces it. */
function domainOptions(connection: Connection) {
  return {
    domainUrl: connection.domainUrl,
    clientId: connection.clientId,
    clientSecret: connection.clientSecret,
    allowInsecureRequests: new URL(connection.domainUrl).protocol === "http:",
  };
}

/**
 * The user's login, cached in a 0600 file in the user's cache folder, keyed by domain, client, scope and
 * instance (`cliLoginStore`: apps pass the same store to reuse it). `interactive: false` never opens a browser;
 * `interactive: true` signs in with `login` (default: the runtime's loopback login).
 */
export function userLogin(connection: Connection, interactive: boolean, login?: CustomLogin): AuthorizationCodeAuth {
  return authorizationCode({
    ...domainOptions(connection),
    instanceUrl: connection.instanceUrl,
    scope: connection.scope,
    redirectUri: connection.redirectUri,
    store: cliLoginStore,
    login: interactive ? (login ?? "loopback") : "none",
  });
}

export function serviceLogin(connection: Connection): ClientCredentialsAuth {
  return clientCredentials({ ...domainOptions(connection), instanceUrl: connection.instanceUrl, scope: connection.scope, store: (key) => fileTokenStore({ name: `${cliLoginName(key)}-service` }) });
}

export function instanceClient(connection: Connection, auth: AuthorizationCodeAuth | ClientCredentialsAuth): OicClient {
  return createOicClient({ instanceUrl: connection.instanceUrl, auth });
}
