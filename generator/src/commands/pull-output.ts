import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { isOicHttpError, type AuthorizationCodeAuth, type ClientCredentialsAuth } from "@oic-gen/runtime";
import { CommandError } from "../cli/command-error.js";
import { printable, printableInline } from "../cli/terminal-text.js";
import { describeConfigSource, type LoadedConfig } from "../config.js";
import { PullFailure } from "../pull/pull-failure.js";
import type { PullReport } from "../pull/pull-specs.js";
import { reportNotice } from "../report.js";
import { MANIFEST_NAME } from "../write/manifest.js";
import type { Connection } from "./connection.js";
import { notSignedIn } from "./login-status.js";

/**
 * Where pull writes: `--specs`, the old `--out` (with a notice: users confused it with the generator's
 * `--out`), the config's `specs`, or `./specs`. A folder the generator owns (it holds a generator manifest,
 * or is the config's `out`) is refused: specs written there would be deleted by the next generation.
 */
export function specsFolder(args: { specs?: string; out?: string }, config: LoadedConfig): string {
  if (args.out !== undefined)
    reportNotice(
      "pull --out is now pull --specs (the folder for the downloaded specs; generated code goes to oic-gen --out). --out still works for now.",
    );
  const folder = args.specs ?? args.out ?? config.specs ?? "specs";
  const absolute = resolve(folder);
  if (existsSync(resolve(absolute, MANIFEST_NAME)) || (config.out !== undefined && resolve(config.out) === absolute)) {
    throw new CommandError(
      `refusing to pull into ${folder}: it is the generated-code folder (oic-gen --out), which the generator rewrites`,
      [
        `Pull into the specs folder instead: --specs specs (or "specs" in oic-gen.config.json), then run oic-gen to regenerate ${folder}.`,
      ],
    );
  }
  return folder;
}

/** `oic-gen pull → specs: 1 added, ...` and one line per file; ids and messages from the server are escaped. */
export function printPullReport(outDir: string, report: PullReport): void {
  const lines = [
    ...report.added.map((name) => `  added    ${name}`),
    ...report.changed.map((name) => `  changed  ${name}`),
    ...report.removed.map((name) => `  removed  ${name}`),
    ...report.failed.map(
      ({ id, message }) => `  failed   ${printableInline(id)}: ${printable(message).replace(/\n/g, "\n           ")}`,
    ),
  ];
  process.stdout.write(
    `oic-gen pull → ${printableInline(outDir)}: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.unchanged.length} unchanged${report.failed.length ? `, ${report.failed.length} failed` : ""}\n${lines.join("\n")}${lines.length ? "\n" : ""}`,
  );
}

/**
 * A pull that could not even list the integrations, explained: not signed in (and for which instance a cached
 * login exists), 401/403 with the runtime's checklist plus which login was used, limits hit.
 */
export async function describePullFailure(
  error: unknown,
  connection: Connection,
  auth: AuthorizationCodeAuth | ClientCredentialsAuth,
  clientCredentials: boolean,
): Promise<unknown> {
  const code = (error as { code?: unknown })?.code;
  if (code === "OIC_LOGIN_REQUIRED" && !clientCredentials) {
    const { message, hints } = await notSignedIn(connection);
    return new CommandError(message, [
      ...hints.slice(0, -1),
      "Run oic-gen login first (pull never opens a browser), or pull with --client-credentials.",
    ]);
  }
  if (isOicHttpError(error) && (error.status === 401 || error.status === 403)) {
    return new CommandError(`listing the integrations failed: ${error.message}`, [
      await whichLogin(connection, auth, clientCredentials),
    ]);
  }
  if (error instanceof PullFailure) return new CommandError(`listing the integrations failed: ${error.message}`);
  if (code === "OIC_INVALID_CLIENT") {
    return new CommandError(`the identity domain refused the client: ${(error as Error).message}`, [
      `Check the client id ${connection.clientId} and the client secret read from ${connection.secretEnv} (${describeConfigSource(connection.config)}).`,
    ]);
  }
  return error;
}

async function whichLogin(
  connection: Connection,
  auth: AuthorizationCodeAuth | ClientCredentialsAuth,
  clientCredentials: boolean,
): Promise<string> {
  if (clientCredentials)
    return `This pull used the application's own token (--client-credentials, client ${connection.clientId}, scope ${connection.scope}): the application needs the role, not you.`;
  const status = await (auth as AuthorizationCodeAuth).status().catch(() => undefined);
  const user = status?.displayName ?? status?.subject;
  return `This pull used the login of oic-gen login${user ? ` as ${user}` : ""} for ${connection.instanceUrl}, scope ${connection.scope} (${describeConfigSource(connection.config)}).`;
}
