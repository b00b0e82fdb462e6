import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  authorizationCode,
  clientCredentials,
  cliLoginName,
  cliLoginStore,
  createOicClient,
  deviceCode,
  fileTokenStore,
  oicScope,
  type AuthorizationCodeAuth,
  type ClientCredentialsAuth,
  type CustomLogin,
  type DeviceCodePrompt,
  type OicClient,
  type UserAuth,
} from "@oic-gen/runtime/node";
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
  /** Absent when the application authenticates with a key. */
  clientSecret?: string;
  /** `private_key_jwt`: the key file and the certificate alias. */
  clientKey?: { file: string; kid: string };
  /** The environment variable the secret was read from (named in messages, never its value). */
  secretEnv: string;
  /** False when the secret is not set and the command can do without it (`status`, `logout`), or a key is used. */
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
  const missing = [
    !instanceUrl && "--instance (instanceUrl)",
    !domainUrl && "--domain (domainUrl)",
    !clientId && "--client-id (clientId)",
  ].filter(Boolean);
  if (missing.length > 0)
    throw new UsageError(
      `missing ${missing.join(", ")}: give them as flags or in oic-gen.config.json (${describeConfigSource(config)})`,
    );
  for (const [flag, value] of [
    ["--instance", instanceUrl],
    ["--domain", domainUrl],
  ] as const) {
    if (!URL.canParse(value!) || !/^https?:$/.test(new URL(value!).protocol))
      throw new UsageError(
        `${flag} must be an http(s) URL, got ${JSON.stringify(value)} (${describeConfigSource(config)})`,
      );
  }
  const keyFile = args.clientKey ?? config.clientKeyFile;
  const kid = args.clientKeyId ?? config.clientKeyId;
  if (keyFile && !kid)
    throw new UsageError(
      "--client-key needs --client-key-id: the alias of the certificate uploaded to the application",
    );
  const clientKey = keyFile ? { file: keyFile, kid: kid! } : undefined;
  const secretEnv = args.clientSecretEnv ?? config.clientSecretEnv ?? "OIC_CLIENT_SECRET";
  const secret = clientKey ? undefined : process.env[secretEnv];
  if (!clientKey && !secret && needsSecret) {
    throw new CommandError(
      `the client secret is read from the environment: set ${secretEnv} (or give --client-key and --client-key-id)`,
      [`(${describeConfigSource(config)})`],
    );
  }
  const scope = args.scope ?? config.scope ?? oicScope(instanceUrl!);
  const redirectUri = args.redirectUri ?? config.redirectUri ?? DEFAULT_REDIRECT_URI;
  return {
    config,
    instanceUrl: instanceUrl!,
    domainUrl: domainUrl!,
    clientId: clientId!,
    ...(clientKey ? { clientKey } : { clientSecret: secret || "(not needed to read the cached tokens)" }),
    secretEnv,
    hasSecret: Boolean(secret) || clientKey !== undefined,
    scope,
    redirectUri,
  };
}

/** Plain http is accepted for an identity domain on this machine only (the sandbox); the runtime enforces it. */
function domainOptions(connection: Connection) {
  return {
    domainUrl: connection.domainUrl,
    clientId: connection.clientId,
    ...(connection.clientKey
      ? { clientKey: { privateKey: readKey(connection.clientKey.file), kid: connection.clientKey.kid } }
      : { clientSecret: connection.clientSecret! }),
    allowInsecureRequests: new URL(connection.domainUrl).protocol === "http:",
  };
}

/** The key file as a KeyObject (PKCS #8 or #1, encrypted with $OIC_CLIENT_KEY_PASSPHRASE or not). Errors name the file only. */
function readKey(file: string): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read the client key ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const passphrase = process.env.OIC_CLIENT_KEY_PASSPHRASE;
  try {
    return createPrivateKey({ key: pem, format: "pem", ...(passphrase ? { passphrase } : {}) });
  } catch {
    throw new UsageError(
      `${file} is not a PEM private key${passphrase ? " (or $OIC_CLIENT_KEY_PASSPHRASE is wrong)" : " (if it is encrypted, set $OIC_CLIENT_KEY_PASSPHRASE)"}`,
    );
  } finally {
    pem.fill(0);
  }
}

/**
 * A sign-in with a device code (`oic-gen login --device`), kept where the loopback login keeps its tokens:
 * same key, so `status`, `pull` and scripts using `cliLoginStore` find and refresh it.
 */
export function deviceLogin(
  connection: Connection,
  showCode: (prompt: DeviceCodePrompt) => void | Promise<void>,
): UserAuth {
  return deviceCode({
    ...domainOptions(connection),
    instanceUrl: connection.instanceUrl,
    scope: connection.scope,
    store: cliLoginStore,
    showCode,
  });
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
  return clientCredentials({
    ...domainOptions(connection),
    instanceUrl: connection.instanceUrl,
    scope: connection.scope,
    store: (key) => fileTokenStore({ name: `${cliLoginName(key)}-service` }),
  });
}

export function instanceClient(connection: Connection, auth: AuthorizationCodeAuth | ClientCredentialsAuth): OicClient {
  return createOicClient({ instanceUrl: connection.instanceUrl, auth });
}
