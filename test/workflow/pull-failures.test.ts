import { execFile } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { CLI, ROOT, tempDir } from "../generator/support.js";

/**
 * An instance that misbehaves in front of the sandbox: a proxy that forwards everything but answers 404 for
 * chosen `/metadata/openapi` URLs (older instances) and 500 for chosen integrations' metadata.
 */
function startProxy(
  target: string,
  rules: { notFound: RegExp[]; failing: RegExp[] },
): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const url = req.url!;
    if (rules.notFound.some((rule) => rule.test(url))) return void res.writeHead(404).end();
    if (rules.failing.some((rule) => rule.test(url)))
      return void res.writeHead(500, { "content-type": "application/json" }).end('{"title":"Internal Server Error"}');
    const upstream = await fetch(target + url, {
      method: req.method,
      headers: { authorization: req.headers.authorization ?? "", accept: req.headers.accept ?? "*/*" },
    });
    res.writeHead(upstream.status, {
      "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
    });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe("oic-gen pull against an instance that fails in places", () => {
  let sandbox: Sandbox;
  let proxy: { server: Server; url: string };
  const failing: RegExp[] = [];
  let work: string;

  /** Runs `oic-gen pull` as a child process (asynchronously: the sandbox and proxy live in this process). */
  function pull(): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const args = [
      CLI,
      "pull",
      "--client-credentials",
      "--instance",
      proxy.url,
      "--domain",
      sandbox.identityDomain.url,
      "--client-id",
      sandbox.identityDomain.clientId,
      "--scope",
      sandbox.scope,
      "--specs",
      "specs",
    ];
    const env = {
      ...process.env,
      CI: "true",
      XDG_CACHE_HOME: join(work, ".cache"),
      XDG_STATE_HOME: join(work, ".state"),
      OIC_GEN_TOKEN_STORE: "file",
      OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
    };
    return new Promise((resolve, reject) => {
      execFile(process.execPath, args, { cwd: work, env }, (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      });
    });
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ specs: [join(ROOT, "specs")] });
    proxy = await startProxy(sandbox.instanceUrl, { notFound: [/\/ORDERS_SYNC\/1\.0\/metadata\/openapi$/], failing });
    work = tempDir("pull-failures");
  }, 60_000);
  afterAll(async () => {
    proxy?.server.close();
    await sandbox?.close();
  });

  it("falls back to /metadata/swagger where /metadata/openapi is not served", async () => {
    const run = await pull();
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(join(work, "specs"));
    expect(files).toContain("ORDERS_SYNC_01.00.0000.swagger.json");
    expect(files).toContain("ORDERS_SYNC_02.00.0000.openapi.json");
    expect(JSON.parse(readFileSync(join(work, "specs", "ORDERS_SYNC_01.00.0000.swagger.json"), "utf8")).swagger).toBe(
      "2.0",
    );
  });

  it("reports a failed download per integration, keeps the spec already on disk, and exits 1", async () => {
    const kept = join(work, "specs", "SHIPMENT_NOTIFY_01.00.0001.openapi.json");
    writeFileSync(kept, readFileSync(kept, "utf8").replace("tracking", "TRACKING"));
    const before = readFileSync(kept, "utf8");
    failing.push(/\/SHIPMENT_NOTIFY\/1\.0\/metadata\//);
    const run = await pull();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed +SHIPMENT_NOTIFY\|01\.00\.0001: .*HTTP 500/);
    expect(run.stdout).toMatch(/0 removed/);
    expect(readFileSync(kept, "utf8")).toBe(before);
    expect(readdirSync(join(work, "specs")).filter((name) => !name.startsWith("."))).toHaveLength(
      sandbox.integrations.length,
    );
  });
});

describe("oic-gen pull and its manifest", () => {
  it("never acts on a manifest entry that names a path outside the specs folder", async () => {
    const { mkdirSync } = await import("node:fs");
    const { execFile } = await import("node:child_process");
    const sandbox = await startSandbox({ specs: [join(ROOT, "specs")] });
    try {
      const work = tempDir("pull-manifest");
      mkdirSync(join(work, "specs"));
      writeFileSync(join(work, "precious.txt"), "keep me\n");
      writeFileSync(
        join(work, "specs", ".oic-gen-pull.json"),
        JSON.stringify({
          files: { "../precious.txt": { id: "GONE|01.00.0000", sha256: "x", scope: `${sandbox.instanceUrl}|` } },
        }),
      );
      const args = [
        CLI,
        "pull",
        "--client-credentials",
        "--instance",
        sandbox.instanceUrl,
        "--domain",
        sandbox.identityDomain.url,
        "--client-id",
        sandbox.identityDomain.clientId,
        "--specs",
        "specs",
        "--page-size",
        "2",
      ];
      const env = {
        ...process.env,
        CI: "true",
        XDG_CACHE_HOME: join(work, ".cache"),
        XDG_STATE_HOME: join(work, ".state"),
        OIC_GEN_TOKEN_STORE: "file",
        OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
      };
      const code = await new Promise<number>((resolve) =>
        execFile(process.execPath, args, { cwd: work, env }, (error) => resolve(error ? Number(error.code) : 0)),
      );
      expect(code).toBe(0);
      expect(readFileSync(join(work, "precious.txt"), "utf8")).toBe("keep me\n");
      expect(readdirSync(join(work, "specs")).filter((name) => !name.startsWith("."))).toHaveLength(
        sandbox.integrations.length,
      );
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
