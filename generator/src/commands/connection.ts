import { authorizationCode, clientCredentials, cliLoginName, cliLoginStore, createOicClient, fileTokenStore, oicScope, type AuthorizationCodeAuth, type ClientCredentialsAuth, type OicClient } from "@oic-gen/runtime/node";
import { loadConfig, type OicGenConfig } from "../config.js";
import { UsageError } from "../errors.js";

import { DEFAULT_REDIRECT_URI } from "../defaults.js";
import type { ConnectionArgs } from "./connection-options.js";

/** Everything needed to authenticate against one instance, from flags, the config file and the environment. */
export interface Connection {
  config: OicGenConfig;
  instanceUrl: string;
  domainUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  redirectUri: string;
}

/** `needsSecret: false` for commands that only read the cached tokens (`status`): no secret is sent then. */
export function resolveConnection(args: ConnectionArgs, { needsSecret = true } = {}): Connection {
  const config = loadConfig(args.config);
  const instanceUrl = args.instance ?? config.instanceUrl;
  const domainUrl = args.domain ?? config.domainUrl;
  const clientId = args.clientId ?? config.clientId;
  const missing = [!instanceUrl && "--instance (instanceUrl)", !domainUrl && "--domain (domainUrl)", !clientId && "--client-id (clientId)"].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}: give them as flags or in oic-gen.config.json`);
  const secretEnv = config.clientSecretEnv ?? "OIC_CLIENT_SECRET";
  const clientSecret = process.env[secretEnv] ?? (needsSecret ? undefined : "(not needed to read the cached tokens)");
  if (!clientSecret) throw new UsageError(`the client secret is read from the environment: set ${secretEnv}`);
  const scope = args.scope ?? config.scope ?? oicScope(instanceUrl!);
  const redirectUri = args.redirectUri ?? config.redirectUri ?? DEFAULT_REDIRECT_URI;
  return { config, instanceUrl: instanceUrl!, domainUrl: domainUrl!, clientId: clientId!, clientSecret, scope, redirectUri };
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
 * instance (`cliLoginStore`: apps pass the same store to reuse it). `interactive: false` never opens a browser.
 */
export function userLogin(connection: Connection, interactive: boolean): AuthorizationCodeAuth {
  return authorizationCode({
    ...domainOptions(connection),
    instanceUrl: connection.instanceUrl,
    scope: connection.scope,
    redirectUri: connection.redirectUri,
    store: cliLoginStore,
    login: interactive ? "loopback" : "none",
  });
}

export function serviceLogin(connection: Connection): ClientCredentialsAuth {
  return clientCredentials({ ...domainOptions(connection), instanceUrl: connection.instanceUrl, scope: connection.scope, store: (key) => fileTokenStore({ name: `${cliLoginName(key)}-service` }) });
}

export function instanceClient(connection: Connection, auth: AuthorizationCodeAuth | ClientCredentialsAuth): OicClient {
  return createOicClient({ instanceUrl: connection.instanceUrl, auth });
}
