import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../errors.js";
import { connectionOptions, type ConnectionArgs } from "./connection-options.js";

interface PullArgs extends ConnectionArgs {
  out?: string;
  project?: string;
  integrationInstance?: string;
  clientCredentials: boolean;
  pageSize: number;
}

/** `oic-gen pull`: download the specs of the instance's activated REST-triggered integrations. */
export const pullCommand: CommandModule<object, PullArgs> = {
  command: "pull",
  describe: "download the specs of every ACTIVATED REST-triggered integration",
  builder: (command: Argv) =>
    connectionOptions(command)
      .option("out", { describe: "folder for the specs (config: specs; default ./specs)", type: "string" })
      .option("project", { describe: "gen3: only this project's integrations (config: project)", type: "string" })
      .option("integration-instance", { describe: "gen3: service instance name sent as integrationInstance (config: integrationInstance)", type: "string" })
      .option("client-credentials", { describe: "authenticate as the application (client credentials grant) instead of the cached user login", type: "boolean", default: false })
      .option("page-size", { describe: "integrations per list request", type: "number", default: 100 })
      .example("$0 pull && $0 ./specs --out src/oic", "refresh the specs, then regenerate")
      .example("$0 pull --project FIN_AP --integration-instance myinstance", "gen3: one project")
      .epilogue("Uses the login cached by `oic-gen login` (it never opens a browser itself), or --client-credentials. Files are named <CODE>_<VERSION>.openapi.json (or .swagger.json on instances without /metadata/openapi); files of integrations no longer active are removed if pull wrote them from the same instance and project (never after a failed download). Exit code 1 when any download failed; the specs already on disk are kept.") as unknown as Argv<PullArgs>,
  handler: async (args) => {
    const { instanceClient, resolveConnection, serviceLogin, userLogin } = await import("./connection.js");
    const { pullSpecs } = await import("../pull/pull-specs.js");
    const connection = resolveConnection(args);
    const auth = args.clientCredentials ? serviceLogin(connection) : userLogin(connection, false);
    const outDir = args.out ?? connection.config.specs ?? "specs";
    const tty = process.stderr.isTTY;
    const { isLoginRequired } = await import("@oic-gen/runtime");
    if (!Number.isInteger(args.pageSize) || args.pageSize < 1) throw new UsageError("--page-size must be a whole number of at least 1");
    const report = await pullSpecs(instanceClient(connection, auth), {
      outDir,
      instanceUrl: connection.instanceUrl,
      project: args.project ?? connection.config.project,
      integrationInstance: args.integrationInstance ?? connection.config.integrationInstance,
      pageSize: args.pageSize,
      onProgress: tty ? (done, total, id) => process.stderr.write(`\r\x1b[Kpull: ${done}/${total} ${id}`) : undefined,
    }).catch((error: unknown) => {
      if (isLoginRequired(error)) throw new UsageError(`not signed in to ${connection.domainUrl}: run oic-gen login first (or pull with --client-credentials)`);
      throw error;
    });
    if (tty) process.stderr.write("\r\x1b[K");
    const lines = [
      ...report.added.map((name) => `  added    ${name}`),
      ...report.changed.map((name) => `  changed  ${name}`),
      ...report.removed.map((name) => `  removed  ${name}`),
      ...report.failed.map(({ id, message }) => `  failed   ${id}: ${message}`),
    ];
    process.stdout.write(
      `oic-gen pull → ${outDir}: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.unchanged.length} unchanged${report.failed.length ? `, ${report.failed.length} failed` : ""}\n${lines.join("\n")}${lines.length ? "\n" : ""}`,
    );
    if (report.failed.length > 0) process.exitCode = 1;
  },
};
