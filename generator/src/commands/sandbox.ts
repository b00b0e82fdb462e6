import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../errors.js";
import { DEFAULT_REDIRECT_URI } from "../defaults.js";
import { loadSandbox, type RunningSandbox } from "./load-sandbox.js";
import { CommandError } from "../cli/command-error.js";
import { printable, printableInline } from "../cli/terminal-text.js";

interface SandboxArgs {
  specs: string[];
  idcsPort?: number;
  oicPort?: number;
  redirectUri: string[];
  integrationInstance?: string;
  accessTokenTtl?: number;
  maxConcurrent?: number;
  syncTimeout?: number;
}

/** `oic-gen sandbox [specs..]`: a local identity domain and OIC instance serving the specs' integrations. */
export const sandboxCommand: CommandModule<object, SandboxArgs> = {
  command: "sandbox [specs..]",
  describe:
    "run a local identity domain and OIC instance that serve the integrations of the specs (for trying generated code)",
  builder: (command: Argv) =>
    command
      .positional("specs", { describe: "spec files or folders", type: "string", array: true, default: ["./specs"] })
      .option("idcs-port", { describe: "port of the identity domain (default: a free one)", type: "number" })
      .option("oic-port", { describe: "port of the OIC instance (default: a free one)", type: "number" })
      .option("redirect-uri", {
        describe: `extra redirect URL to register (repeatable); ${DEFAULT_REDIRECT_URI} always is`,
        type: "string",
        array: true,
        default: [],
      })
      .option("integration-instance", {
        describe: "gen3 service-instance name the management API requires as ?integrationInstance=",
        type: "string",
      })
      .option("access-token-ttl", {
        describe: "access token lifetime in seconds (default 3600; short values show refreshes)",
        type: "number",
      })
      .option("max-concurrent", {
        describe: "integration calls in flight before 429, as OIC's message packs (default 100)",
        type: "number",
      })
      .option("sync-timeout", {
        describe: "seconds before a synchronous call gets OIC's timeout answer (default 300, as OIC)",
        type: "number",
      })
      .example("$0 sandbox", "serve ./specs; sign in as alice or bob")
      .example(
        "$0 sandbox ./specs --idcs-port 9000 --oic-port 9001",
        "fixed ports, e.g. for a saved oic-gen.config.json",
      )
      .example(
        "$0 sandbox --access-token-ttl 30 --redirect-uri http://localhost:3000/auth/callback",
        "short tokens and a web app's callback",
      )
      .example("$0 sandbox --integration-instance myinstance-abcdefghijkl-bo", "behave like gen3 for `oic-gen pull`")
      .example("$0 sandbox --max-concurrent 2 --sync-timeout 5", "OIC's limits, scaled down to try 429s and timeouts")
      .epilogue(
        "Both servers listen on 127.0.0.1 only. The identity domain behaves like an OCI IAM identity domain (IDCS routes, issuer https://identity.oraclecloud.com/, client secret as a Basic header, PKCE, rotating refresh tokens); the OIC instance checks every bearer token (issuer, audience, scope, expiry) and answers each operation with data shaped by its schema (202 for one-way triggers). It prints a complete oic-gen.config.json (the specs folder and the first --redirect-uri as given, out: src/oic) and the same settings as environment variables; the client secret printed is a throwaway for this process only. The sandbox is the package @oic-gen/sandbox: install it in your project first (npm i -D @oic-gen/sandbox).",
      ) as unknown as Argv<SandboxArgs>,
  handler: async (args) => {
    for (const [name, value] of [
      ["--idcs-port", args.idcsPort],
      ["--oic-port", args.oicPort],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 65_535))
        throw new UsageError(`${name} must be a port number (0-65535)`);
    }
    if (args.accessTokenTtl !== undefined && (!Number.isInteger(args.accessTokenTtl) || args.accessTokenTtl < 1))
      throw new UsageError("--access-token-ttl must be a whole number of seconds, at least 1");
    if (args.maxConcurrent !== undefined && (!Number.isInteger(args.maxConcurrent) || args.maxConcurrent < 1))
      throw new UsageError("--max-concurrent must be a whole number of at least 1");
    if (args.syncTimeout !== undefined && !(args.syncTimeout > 0))
      throw new UsageError("--sync-timeout must be a positive number of seconds");
    for (const uri of args.redirectUri)
      if (!URL.canParse(uri)) throw new UsageError(`--redirect-uri is not a URL: ${uri}`);
    const { startSandbox } = await loadSandbox(process.cwd());
    const sandbox = await startSandbox({
      maxConcurrent: args.maxConcurrent,
      syncTimeoutMs: args.syncTimeout === undefined ? undefined : args.syncTimeout * 1000,
      onReload: ({ integrations, problems }) =>
        process.stdout.write(
          printable(
            problems.length === 0
              ? `oic-gen sandbox: specs changed, reloaded: ${integrations} integrations served\n`
              : `oic-gen sandbox: specs changed but do not load; the previous ones stay served:\n${problems.map((line) => `  ${line}\n`).join("")}`,
          ),
        ),
      specs: args.specs,
      idcsPort: args.idcsPort,
      oicPort: args.oicPort,
      redirectUris: args.redirectUri,
      integrationInstance: args.integrationInstance,
      accessTokenTtl: args.accessTokenTtl,
    }).catch((error: unknown) => {
      throw portInUse(error, args);
    });
    process.stdout.write(
      describeSandbox(sandbox, {
        specs: args.specs[0] ?? "./specs",
        redirectUris: [DEFAULT_REDIRECT_URI, ...args.redirectUri],
        // The app's own callback when one is given (that is why it was given), else the default loopback one.
        redirectUri: args.redirectUri[0] ?? DEFAULT_REDIRECT_URI,
        integrationInstance: args.integrationInstance,
        accessTokenTtl: args.accessTokenTtl ?? 3600,
      }),
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await sandbox.close();
    process.stdout.write("oic-gen sandbox: stopped\n");
  },
};

/** Where `oic-gen` writes generated code when the printed config is used as is. */
const SANDBOX_CONFIG_OUT = "src/oic";

/**
 * What a user needs to point an app (or Postman) at the sandbox, including a complete `oic-gen.config.json`
 * (the specs folder and redirect URL as given, `out` at `src/oic`) so `oic-gen login`, `pull` and a bare
 * `oic-gen` work as printed. Never a token; the client secret is the sandbox's throwaway.
 */
export function describeSandbox(
  sandbox: RunningSandbox,
  settings: {
    specs: string;
    redirectUris: string[];
    redirectUri: string;
    integrationInstance?: string;
    accessTokenTtl: number;
  },
): string {
  const idcs = sandbox.identityDomain;
  const lines = [
    "oic-gen sandbox: a local identity domain and OIC instance (Ctrl-C to stop)",
    "",
    row("Identity domain", idcs.url),
    row("  auth URL", `${idcs.url}/oauth2/v1/authorize`),
    row("  token URL", `${idcs.url}/oauth2/v1/token`),
    row("OIC instance", sandbox.instanceUrl),
    row("Client id", idcs.clientId),
    row("Client secret", `${idcs.clientSecret}   (send as a Basic header; local throwaway)`),
    row("Scope", sandbox.scope),
    row("Developer API scope", sandbox.managementScope),
    row("Redirect URLs", [...new Set(settings.redirectUris)].join(" ")),
    row(
      "Users",
      Object.entries(idcs.users)
        .map(([user, password]) => `${user} / ${password}${user === "carol" ? " (no role on the instance: 403)" : ""}`)
        .join(", "),
    ),
    row("Access tokens", `${settings.accessTokenTtl} s (refresh tokens rotate)`),
    ...(settings.integrationInstance ? [row("integrationInstance", settings.integrationInstance)] : []),
    "",
    `Integrations (${sandbox.integrations.length}):`,
  ];
  for (const integration of sandbox.integrations) {
    // Names come from specs: escaped, so a hostile title cannot rewrite the terminal.
    lines.push(
      printableInline(
        `  ${integration.code} ${integration.version}${integration.project ? ` (project ${integration.project})` : ""}: ${integration.name}, ${integration.operations} operation${integration.operations === 1 ? "" : "s"}`,
      ),
    );
    if (integration.metadataUrl) lines.push(printableInline(`    ${integration.metadataUrl}`));
  }
  lines.push(
    `  list: ${sandbox.instanceUrl}/ic/api/integration/v1/integrations${settings.integrationInstance ? `?integrationInstance=${encodeURIComponent(settings.integrationInstance)}` : ""}`,
    "",
    "oic-gen.config.json:",
    JSON.stringify(
      {
        instanceUrl: sandbox.instanceUrl,
        domainUrl: idcs.url,
        clientId: idcs.clientId,
        redirectUri: settings.redirectUri,
        ...(settings.integrationInstance ? { integrationInstance: settings.integrationInstance } : {}),
        specs: settings.specs,
        out: SANDBOX_CONFIG_OUT,
      },
      null,
      2,
    ),
    "",
    "Environment:",
    `OIC_URL=${sandbox.instanceUrl}`,
    `OIC_DOMAIN_URL=${idcs.url}`,
    `OIC_CLIENT_ID=${idcs.clientId}`,
    `OIC_CLIENT_SECRET=${idcs.clientSecret}`,
    `OIC_REDIRECT_URI=${settings.redirectUri}`,
    "",
  );
  return `${lines.join("\n")}\n`;
}

function row(label: string, value: string): string {
  return `${label.padEnd(21)}${value}`;
}

/** Two sandboxes on one machine with fixed ports: one line naming the port and how to choose another. */
function portInUse(error: unknown, args: SandboxArgs): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code !== "EADDRINUSE" && code !== "EACCES") return error;
  const port = (error as { port?: number }).port;
  const flag =
    port === args.idcsPort ? "--idcs-port" : port === args.oicPort ? "--oic-port" : "--idcs-port / --oic-port";
  return new CommandError(
    `port ${port ?? "?"} ${code === "EADDRINUSE" ? "is already in use (another sandbox, or another program)" : "may not be used by this user"}`,
    [`Choose another with ${flag}, or leave ${flag} out for a free port.`],
  );
}
