import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./errors.js";

/** `oic-gen.config.json`: everything but secrets. Command-line flags override it. */
export interface OicGenConfig {
  /** The OIC instance, e.g. `https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com`. */
  instanceUrl?: string;
  /** The identity domain, e.g. `https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com`. */
  domainUrl?: string;
  /** The confidential application's client id. */
  clientId?: string;
  /** Environment variable holding the client secret. Default `OIC_CLIENT_SECRET`. */
  clientSecretEnv?: string;
  /** Scope to ask for. Default: the instance's `...:443urn:opc:resource:consumer::all` (plus `offline_access`). */
  scope?: string;
  /** PEM private key file for `private_key_jwt` (instead of the secret); relative to the config file. */
  clientKeyFile?: string;
  /** Alias of the certificate uploaded to the application (`kid` of the client assertion). */
  clientKeyId?: string;
  /** Registered redirect URL for `oic-gen login`. Default `http://127.0.0.1:8765/callback`. */
  redirectUri?: string;
  /** Gen3: pull only this project's integrations. */
  project?: string;
  /** Gen3: the service instance name sent as `integrationInstance`. */
  integrationInstance?: string;
  /** Folder of specs: where `pull` writes (default `./specs`), and what `oic-gen` reads when given no inputs. */
  specs?: string;
  /** Output folder of generated code, when `--out` is not given. */
  out?: string;
  /**
   * Module names pinned per integration, keyed by `CODE|M.m` (`"ORDERS_SYNC|1.0": "orders"`) or, for a spec
   * that is not an OIC integration, by its source name (`"specs/petstore.yaml": "pets"`).
   */
  moduleNames?: Record<string, string>;
}

export const CONFIG_FILE = "oic-gen.config.json";
const KEYS: (keyof OicGenConfig)[] = ["instanceUrl", "domainUrl", "clientId", "clientSecretEnv", "clientKeyFile", "clientKeyId", "scope", "redirectUri", "project", "integrationInstance", "specs", "out", "moduleNames"];
const SECRET_KEYS = /secret|password|token/i;

/**
 * Reads the config file (`--config`, else `oic-gen.config.json` in the working directory if present).
 * Relative `specs` and `out` are resolved against the file's folder.
 */
export function loadConfig(path: string | undefined): OicGenConfig {
  const file = resolve(path ?? CONFIG_FILE);
  if (!existsSync(file)) {
    if (path) throw new UsageError(`config file not found: ${path}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError(`${file}: expected a JSON object`);
  const config: OicGenConfig = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "$schema") continue;
    if (!KEYS.includes(key as keyof OicGenConfig)) {
      const hint = SECRET_KEYS.test(key) && key !== "clientSecretEnv" ? " (secrets belong in the environment, not in this file: see clientSecretEnv)" : "";
      throw new UsageError(`${file}: unknown key ${JSON.stringify(key)}${hint}; known keys: ${KEYS.join(", ")}`);
    }
    if (key === "moduleNames") {
      config.moduleNames = moduleNames(value, file);
      continue;
    }
    if (typeof value !== "string" || value === "") throw new UsageError(`${file}: ${key} must be a non-empty string`);
    config[key as Exclude<keyof OicGenConfig, "moduleNames">] = value;
  }
  const base = resolve(file, "..");
  if (config.specs) config.specs = resolve(base, config.specs);
  if (config.out) config.out = resolve(base, config.out);
  if (config.clientKeyFile) config.clientKeyFile = resolve(base, config.clientKeyFile);
  return config;
}

function moduleNames(value: unknown, file: string): Record<string, string> {
  const shape = 'an object of names, e.g. { "ORDERS_SYNC|1.0": "orders" }';
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`${file}: moduleNames must be ${shape}`);
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, name] of Object.entries(value)) {
    if (typeof name !== "string" || !/^[A-Za-z_$][\w$]*$/.test(name)) throw new UsageError(`${file}: moduleNames ${JSON.stringify(key)} must be a JavaScript identifier (letters, digits, _ or $), found ${JSON.stringify(name)}`);
    names[key] = name;
  }
  return names;
}
