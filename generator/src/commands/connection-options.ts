import type { Argv } from "yargs";
import { DEFAULT_REDIRECT_URI } from "../defaults.js";

// Kept apart from connection.ts so that defining the commands does not load the runtime's login machinery.
export interface ConnectionArgs {
  config?: string;
  instance?: string;
  domain?: string;
  clientId?: string;
  scope?: string;
  redirectUri?: string;
  clientKey?: string;
  clientKeyId?: string;
  clientSecretEnv?: string;
}

/** The options every command that talks to an instance shares; each overrides the config file. */
export function connectionOptions<T>(command: Argv<T>): Argv<T & ConnectionArgs> {
  return command
    .option("config", {
      describe: "config file (default: the nearest oic-gen.config.json from here up to the project root)",
      type: "string",
    })
    .option("instance", { describe: "OIC instance URL (config: instanceUrl)", type: "string" })
    .option("domain", { describe: "identity domain URL (config: domainUrl)", type: "string" })
    .option("client-id", {
      describe: "confidential application's client id (config: clientId); the secret comes from $OIC_CLIENT_SECRET",
      type: "string",
    })
    .option("client-secret-env", {
      describe:
        "environment variable holding the client secret (config: clientSecretEnv, which must start with OIC_; default OIC_CLIENT_SECRET)",
      type: "string",
    })
    .option("scope", {
      describe: "scope to ask for (config: scope; default: the instance's consumer::all scope)",
      type: "string",
    })
    .option("redirect-uri", {
      describe: `registered redirect URL for login (config: redirectUri; default ${DEFAULT_REDIRECT_URI})`,
      type: "string",
    })
    .option("client-key", {
      describe:
        "PEM private key file: authenticate with a signed assertion (private_key_jwt) instead of the secret (config: clientKeyFile; passphrase from $OIC_CLIENT_KEY_PASSPHRASE)",
      type: "string",
    })
    .option("client-key-id", {
      describe: "alias of the certificate uploaded to the application, sent as kid (config: clientKeyId)",
      type: "string",
    }) as Argv<T & ConnectionArgs>;
}
