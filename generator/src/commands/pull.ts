import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../errors.js";
import { connectionOptions, type ConnectionArgs } from "./connection-options.js";

interface PullArgs extends ConnectionArgs {
  specs?: string;
  out?: string;
  project?: string;
  integrationInstance?: string;
  clientCredentials: boolean;
  pageSize: number;
  maxFileSize: number;
  requestTimeout: number;
  timeout: number;
  maxPages: number;
}

/** `oic-gen pull`: download the specs of the instance's activated REST-triggered integrations. */
export const pullCommand: CommandModule<object, PullArgs> = {
  command: "pull",
  describe: "download the specs of every ACTIVATED REST-triggered integration",
  builder: (command: Argv) =>
    connectionOptions(command)
      .option("specs", {
        describe: "folder to write the specs to (config: specs; default ./specs); never the generated-code folder",
        type: "string",
      })
      .option("out", { describe: "old name of --specs (still works, with a notice)", type: "string", hidden: true })
      .option("project", { describe: "gen3: only this project's integrations (config: project)", type: "string" })
      .option("integration-instance", {
        describe: "gen3: service instance name sent as integrationInstance (config: integrationInstance)",
        type: "string",
      })
      .option("client-credentials", {
        describe: "authenticate as the application (client credentials grant) instead of the cached user login",
        type: "boolean",
        default: false,
      })
      .option("page-size", { describe: "integrations per list request", type: "number", default: 100 })
      .option("max-pages", {
        describe: "list requests at most (an instance that always says hasMore is stopped)",
        type: "number",
        default: 100,
      })
      .option("max-file-size", {
        describe: "largest answer accepted, in MB (a spec, or a page of the list)",
        type: "number",
        default: 5,
      })
      .option("request-timeout", {
        describe: "seconds one request may take, to the last byte of its answer",
        type: "number",
        default: 60,
      })
      .option("timeout", { describe: "seconds the whole pull may take", type: "number", default: 600 })
      .example("$0 pull && $0", "refresh the specs, then regenerate (folders from oic-gen.config.json)")
      .example("$0 pull --specs specs --project FIN_AP --integration-instance myinstance", "gen3: one project")
      .epilogue(
        "Uses the login cached by `oic-gen login` (it never opens a browser itself), or --client-credentials. Files are named <CODE>_<VERSION>.openapi.json (or .swagger.json on instances without /metadata/openapi; ids a file name cannot spell exactly get a short hash); only answers that are OpenAPI 3 or Swagger 2.0 documents are written. Files of integrations no longer active are removed if pull wrote them from the same instance and project (never after a failed download). Exit code 1 when any download failed; the specs already on disk are kept.",
      ) as unknown as Argv<PullArgs>,
  handler: async (args) => {
    const { instanceClient, resolveConnection, serviceLogin, userLogin } = await import("./connection.js");
    const { pullSpecs } = await import("../pull/pull-specs.js");
    const { describePullFailure, printPullReport, specsFolder } = await import("./pull-output.js");
    for (const [flag, value] of [
      ["--page-size", args.pageSize],
      ["--max-pages", args.maxPages],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number of at least 1`);
    }
    for (const [flag, value] of [
      ["--max-file-size", args.maxFileSize],
      ["--request-timeout", args.requestTimeout],
      ["--timeout", args.timeout],
    ] as const) {
      if (!(value > 0)) throw new UsageError(`${flag} must be a positive number`);
    }
    const connection = resolveConnection(args);
    const { warnIfScopeMisses } = await import("./login-status.js");
    warnIfScopeMisses(connection);
    const outDir = specsFolder(args, connection.config);
    const auth = args.clientCredentials ? serviceLogin(connection) : userLogin(connection, false);
    const tty = process.stderr.isTTY;
    const report = await pullSpecs(instanceClient(connection, auth), {
      outDir,
      instanceUrl: connection.instanceUrl,
      project: args.project ?? connection.config.project,
      integrationInstance: args.integrationInstance ?? connection.config.integrationInstance,
      pageSize: args.pageSize,
      limits: {
        maxBytes: Math.round(args.maxFileSize * 1_000_000),
        requestTimeoutMs: args.requestTimeout * 1000,
        deadlineMs: args.timeout * 1000,
        maxPages: args.maxPages,
      },
      onProgress: tty ? (done, total) => process.stderr.write(`\r\x1b[Kpull: ${done}/${total}`) : undefined,
    }).catch(async (error: unknown) => {
      if (tty) process.stderr.write("\r\x1b[K");
      throw await describePullFailure(error, connection, auth, args.clientCredentials);
    });
    if (tty) process.stderr.write("\r\x1b[K");
    printPullReport(outDir, report);
    if (report.failed.length > 0) process.exitCode = 1;
  },
};
