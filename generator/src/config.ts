import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CommandError } from "./cli/command-error.js";

/** `oic-gen.config.json`: everything but secrets. Command-line flags override it. */
export interface OicGenConfig {
  /** The OIC instance, e.g. `https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com`. */
  instanceUrl?: string;
  /** The identity domain, e.g. `https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com`. */
  domainUrl?: string;
  /** The confidential application's client id. */
  clientId?: string;
  /**
   * Environment variable holding the client secret. Default `OIC_CLIENT_SECRET`. In this file it must start
   * with `OIC_` (a committed config must not be able to send, say, `GITHUB_TOKEN` to an identity domain);
   * the `--client-secret-env` flag may name any variable.
   */
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

/** A config as read, with where it came from, so commands can say which file they used (or that none was found). */
export interface LoadedConfig extends OicGenConfig {
  /** The file read, or undefined when none was found. */
  readonly file: string | undefined;
  /** The folders searched, nearest first, when no file was found. */
  readonly searched: readonly string[];
}

/** Prefix a config file's `clientSecretEnv` must have. */
export const SECRET_ENV_PREFIX = "OIC_";

export const CONFIG_FILE = "oic-gen.config.json";
const KEYS: (keyof OicGenConfig)[] = [
  "instanceUrl",
  "domainUrl",
  "clientId",
  "clientSecretEnv",
  "clientKeyFile",
  "clientKeyId",
  "scope",
  "redirectUri",
  "project",
  "integrationInstance",
  "specs",
  "out",
  "moduleNames",
];
const SECRET_KEYS = /secret|password|token/i;

/**
 * Reads the config file: `--config`, else the nearest `oic-gen.config.json` from the working directory up to
 * the project root (the first folder with a `package.json` or `.git`; only the working directory when there
 * is none, so a file planted in a shared parent such as /tmp is never picked up). Relative `specs` and `out`
 * are resolved against the file's folder.
 */
export function loadConfig(path: string | undefined, cwd = process.cwd()): LoadedConfig {
  const searched: string[] = [];
  let file: string | undefined;
  if (path) {
    file = resolve(cwd, path);
    if (!existsSync(file)) throw new CommandError(`config file not found: ${file}`);
  } else {
    for (const dir of searchFolders(cwd)) {
      searched.push(dir);
      if (existsSync(join(dir, CONFIG_FILE))) {
        file = join(dir, CONFIG_FILE);
        break;
      }
    }
  }
  if (!file) return { file: undefined, searched };
  return { ...readConfigFile(file), file, searched: [] };
}

/** "config: /p/oic-gen.config.json" or "no oic-gen.config.json in /p/sub or /p": for messages. */
export function describeConfigSource(config: LoadedConfig): string {
  if (config.file) return `config: ${config.file}`;
  const folders =
    config.searched.length > 2 ? `${config.searched[0]} ... ${config.searched.at(-1)}` : config.searched.join(" or ");
  return `no ${CONFIG_FILE} found (looked in ${folders})`;
}

function searchFolders(cwd: string): string[] {
  const folders: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    folders.push(dir);
    if (existsSync(join(dir, "package.json")) || existsSync(join(dir, ".git"))) return folders;
    if (dirname(dir) === dir) return [resolve(cwd)];
  }
}

function readConfigFile(file: string): OicGenConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CommandError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new CommandError(`${file}: expected a JSON object`);
  const config: OicGenConfig = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "$schema") continue;
    if (!KEYS.includes(key as keyof OicGenConfig)) {
      const hint =
        SECRET_KEYS.test(key) && key !== "clientSecretEnv"
          ? " (secrets belong in the environment, not in this file: see clientSecretEnv)"
          : "";
      throw new CommandError(`${file}: unknown key ${JSON.stringify(key)}${hint}; known keys: ${KEYS.join(", ")}`);
    }
    if (key === "moduleNames") {
      config.moduleNames = moduleNames(value, file);
      continue;
    }
    if (typeof value !== "string" || value === "") throw new CommandError(`${file}: ${key} must be a non-empty string`);
    config[key as Exclude<keyof OicGenConfig, "moduleNames">] = value;
  }
  if (
    config.clientSecretEnv !== undefined &&
    !new RegExp(`^${SECRET_ENV_PREFIX}[A-Z0-9_]+$`).test(config.clientSecretEnv)
  ) {
    throw new CommandError(
      `${file}: clientSecretEnv must name a variable starting with ${SECRET_ENV_PREFIX} (found ${JSON.stringify(config.clientSecretEnv)})`,
      [
        "A config file is shared and committed: it must not be able to send any environment variable (GITHUB_TOKEN, ...) to an identity domain.",
        "Rename the variable, or name it on the command line with --client-secret-env.",
      ],
    );
  }
  const base = dirname(file);
  if (config.specs) config.specs = resolve(base, config.specs);
  if (config.out) config.out = resolve(base, config.out);
  if (config.clientKeyFile) config.clientKeyFile = resolve(base, config.clientKeyFile);
  return config;
}

function moduleNames(value: unknown, file: string): Record<string, string> {
  const shape = 'an object of names, e.g. { "ORDERS_SYNC|1.0": "orders" }';
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new CommandError(`${file}: moduleNames must be ${shape}`);
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, name] of Object.entries(value)) {
    if (typeof name !== "string" || !/^[A-Za-z_$][\w$]*$/.test(name))
      throw new CommandError(
        `${file}: moduleNames ${JSON.stringify(key)} must be a JavaScript identifier (letters, digits, _ or $), found ${JSON.stringify(name)}`,
      );
    names[key] = name;
  }
  return names;
}
