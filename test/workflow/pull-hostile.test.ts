/**
 * `oic-gen pull` against a hostile or broken instance: a local server on a free port that answers the list
 * and metadata requests the way the test says (endless bodies, trickling bodies, endless pages, documents
 * that are not specs, ids that collide or carry terminal escapes). Tokens are real: client credentials from
 * the sandbox's identity domain, which serves the hostile server's audience too.
 */
import { execFile } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeAtomically } from "../../generator/src/pull/write-atomically.js";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { CLI, ROOT, tempDir } from "../generator/support.js";

type Behaviour = "spec" | "endless" | "trickle" | "html" | "not-a-spec" | "swagger-claim-without-paths";

interface Hostile {
  url: string;
  server: Server;
  /** Integrations listed: id → how its /metadata/openapi answers. */
  integrations: Map<string, Behaviour>;
  /** When set, every list page says hasMore with fresh ids. */
  endlessPages: boolean;
  listRequests: number;
  bytesSent: number;
}

const SPEC = (title: string) => ({
  openapi: "3.0.3",
  info: { title, version: "1.0" },
  paths: { "/ping": { get: { responses: { "200": { description: "ok" } } } } },
});

function startHostile(): Promise<Hostile> {
  const state: Hostile = {
    url: "",
    server: undefined as unknown as Server,
    integrations: new Map(),
    endlessPages: false,
    listRequests: 0,
    bytesSent: 0,
  };
  const item = (id: string) => ({
    id,
    code: id.split("|")[0],
    version: id.split("|")[1],
    status: "ACTIVATED",
    endPointURI: `${state.url}/ic/api/integration/v1/flows/rest/${encodeURIComponent(id.split("|")[0]!)}/1.0/metadata`,
  });
  const write = (res: ServerResponse, chunk: string | Buffer) => {
    state.bytesSent += chunk.length;
    return res.write(chunk);
  };
  state.server = createServer((req, res) => {
    const url = new URL(req.url!, state.url);
    if (url.pathname === "/ic/api/integration/v1/integrations") {
      state.listRequests += 1;
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const items = state.endlessPages ? [item(`PAGE_${offset}|01.00.0000`)] : [...state.integrations.keys()].map(item);
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(
        JSON.stringify({ items, hasMore: state.endlessPages, totalResults: state.endlessPages ? 1e9 : items.length }),
      );
    }
    const metadata = /\/flows\/rest\/([^/]+)\/1\.0\/metadata\/openapi$/.exec(url.pathname);
    const id =
      metadata && [...state.integrations.keys()].find((key) => key.split("|")[0] === decodeURIComponent(metadata[1]!));
    if (!id) return void res.writeHead(404).end();
    const behaviour = state.integrations.get(id)!;
    res.writeHead(200, { "content-type": behaviour === "html" ? "text/html" : "application/json" });
    if (behaviour === "spec") return res.end(JSON.stringify(SPEC(id)));
    if (behaviour === "html") return res.end("<html><body>Sign in to continue</body></html>");
    if (behaviour === "not-a-spec") return res.end(JSON.stringify({ items: [], note: "a list, not a spec" }));
    if (behaviour === "swagger-claim-without-paths") return res.end(JSON.stringify({ swagger: "2.0" }));
    if (behaviour === "endless") {
      // 64 KB chunks for as long as the client reads: a 150 MB "spec" and more.
      const chunk = Buffer.alloc(65_536, 0x20);
      const pump = () => {
        while (!res.destroyed && write(res, chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      return pump();
    }
    // trickle: one byte every 50 ms, forever
    write(res, "{");
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : write(res, " ")), 50);
    res.on("close", () => clearInterval(timer));
  });
  return new Promise((resolve) =>
    state.server.listen(0, "127.0.0.1", () => {
      state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
      resolve(state);
    }),
  );
}

describe("oic-gen pull against a hostile instance", () => {
  let hostile: Hostile;
  let sandbox: Sandbox;
  let work: string;

  /** Runs `oic-gen pull` in `dir` (the test's own folder unless given), with the token cache in `home`. */
  function pull(
    extra: string[] = [],
    dir = work,
    home = dir,
  ): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
    const args = [
      CLI,
      "pull",
      "--client-credentials",
      "--instance",
      hostile.url,
      "--domain",
      sandbox.identityDomain.url,
      "--client-id",
      sandbox.identityDomain.clientId,
      "--specs",
      "specs",
      ...extra,
    ];
    const env = {
      ...process.env,
      CI: "true",
      XDG_CACHE_HOME: join(home, ".cache"),
      XDG_STATE_HOME: join(home, ".state"),
      OIC_GEN_TOKEN_STORE: "file",
      OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
    };
    const started = performance.now();
    return new Promise((resolve, reject) => {
      execFile(process.execPath, args, { cwd: dir, env, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr, ms: performance.now() - started });
      });
    });
  }
  const written = (dir = work) =>
    existsSync(join(dir, "specs")) ? readdirSync(join(dir, "specs")).filter((name) => !name.startsWith(".")) : [];

  beforeAll(async () => {
    hostile = await startHostile();
    sandbox = await startSandbox({ specs: [join(ROOT, "specs")], audiences: [hostile.url] });
  }, 60_000);
  afterAll(async () => {
    hostile?.server.closeAllConnections();
    hostile?.server.close();
    await sandbox?.close();
  });
  beforeEach(() => {
    work = tempDir("pull-hostile");
    hostile.integrations.clear();
    hostile.endlessPages = false;
    hostile.listRequests = 0;
    hostile.bytesSent = 0;
  });

  it("stops reading a body at --max-file-size and writes nothing for it", async () => {
    hostile.integrations.set("HUGE|01.00.0000", "endless").set("FINE|01.00.0000", "spec");
    const run = await pull(["--max-file-size", "1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed +HUGE\|01\.00\.0000: the answer is larger than 1 MB \(--max-file-size\)/);
    expect(written()).toEqual(["FINE_01.00.0000.openapi.json"]);
    expect(hostile.bytesSent).toBeLessThan(30_000_000); // stopped reading: not the 150 MB it would send
  }, 60_000);

  it("gives up on a trickling body at --request-timeout, and on the whole pull at --timeout", async () => {
    hostile.integrations.set("SLOW|01.00.0000", "trickle");
    // The trickle never ends, so any limit is reached; 3 s leaves the sign-in and the list, which the limits
    // also cover, room on a loaded machine (0.5 s failed there before the trickle was reached). The two pulls
    // wait side by side, each writing to its own folder: the overall one starts once the first has signed in,
    // with the same token cache, so that its 3 s go to the list and the trickle, not to a sign-in of its own.
    const overallDir = tempDir("pull-hostile-overall");
    const pulling = pull(["--request-timeout", "3"]);
    const tokens = join(work, ".state", "oic-gen");
    await expect
      .poll(() => existsSync(tokens) && readdirSync(tokens).some((name) => name.endsWith(".json")), {
        timeout: 30_000,
        interval: 50,
      })
      .toBe(true);
    const [run, overall] = await Promise.all([pulling, pull(["--timeout", "3"], overallDir, work)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed +SLOW\|01\.00\.0000: no complete answer within 3 s \(--request-timeout\)/);
    expect(run.ms).toBeLessThan(30_000);
    expect(overall.code).toBe(1);
    expect(overall.stdout).toMatch(/stopped at the pull's overall deadline \(--timeout 3 s\)/);
    expect(written()).toEqual([]);
    expect(written(overallDir)).toEqual([]);
  }, 60_000);

  it("stops paging at --max-pages when the instance always says hasMore", async () => {
    hostile.endlessPages = true;
    const run = await pull(["--max-pages", "5", "--page-size", "1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/still said hasMore after 5 pages .*--max-pages 5/);
    expect(hostile.listRequests).toBe(5);
    expect(run.stderr).not.toMatch(/Run oic-gen --help/);
  }, 60_000);

  it("writes only documents that are OpenAPI or Swagger", async () => {
    hostile.integrations
      .set("PAGE|01.00.0000", "html")
      .set("LIST|01.00.0000", "not-a-spec")
      .set("HOLLOW|01.00.0000", "swagger-claim-without-paths")
      .set("REAL|01.00.0000", "spec");
    const run = await pull();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed +PAGE\|01\.00\.0000: the answer is not JSON/);
    expect(run.stdout).toMatch(/failed +LIST\|01\.00\.0000: the answer has neither openapi/);
    expect(run.stdout).toMatch(/failed +HOLLOW\|01\.00\.0000: the answer says swagger 2\.0 but has no info and paths/);
    expect(written()).toEqual(["REAL_01.00.0000.openapi.json"]);
  }, 60_000);

  it("never writes through a planted symbolic link, and leaves no temporary file", async () => {
    hostile.integrations.set("ORDERS|01.00.0000", "spec");
    mkdirSync(join(work, "specs"));
    const outside = join(work, "outside.txt");
    writeFileSync(outside, "precious\n");
    symlinkSync(outside, join(work, "specs", "ORDERS_01.00.0000.openapi.json"));
    const run = await pull();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/refusing to write .*ORDERS_01\.00\.0000\.openapi\.json: it is a symbolic link/);
    expect(readFileSync(outside, "utf8")).toBe("precious\n");
    expect(lstatSync(join(work, "specs", "ORDERS_01.00.0000.openapi.json")).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(work, "specs")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 60_000);

  it("gives every integration its own file, even when ids differ only by replaced characters or by case", async () => {
    for (const id of ["A B|01.00.0000", "A_B|01.00.0000", "ab|01.00.0000", "AB|01.00.0000"])
      hostile.integrations.set(id, "spec");
    const run = await pull();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const files = written();
    expect(files).toHaveLength(4);
    expect(new Set(files.map((name) => name.toLowerCase())).size).toBe(4);
    expect(files).toContain("A_B_01.00.0000.openapi.json");
    expect(files).toContain("AB_01.00.0000.openapi.json");
    const titles = files.map((name) => JSON.parse(readFileSync(join(work, "specs", name), "utf8")).info.title).sort();
    expect(titles).toEqual(["A B|01.00.0000", "AB|01.00.0000", "A_B|01.00.0000", "ab|01.00.0000"]);
  }, 60_000);

  it("escapes control characters from the server, so a hostile id cannot fake a success line", async () => {
    const evil = "EVIL\u001b[2K\r  added    ALL_GOOD.openapi.json\u001b[0m|01.00.0000";
    hostile.integrations.set(evil, "html");
    const run = await pull();
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\r]/);
    expect(run.stdout).toContain("EVIL\\x1b[2K\\x0d  added    ALL_GOOD.openapi.json\\x1b[0m|01.00.0000");
  }, 60_000);

  it("the temporary file is created exclusively under a random name: a link planted at the old predictable name is not followed", async () => {
    const dir = tempDir("pull-temp");
    const target = join(dir, "ORDERS_01.00.0000.openapi.json");
    const outside = join(dir, "outside.txt");
    writeFileSync(outside, "precious\n");
    symlinkSync(outside, `${target}.${process.pid}.tmp`); // what `<file>.<pid>.tmp` with flag "w" wrote through
    await writeAtomically(target, "{}\n");
    expect(readFileSync(outside, "utf8")).toBe("precious\n");
    expect(readFileSync(target, "utf8")).toBe("{}\n");
    expect(readdirSync(dir).sort()).toEqual([
      `ORDERS_01.00.0000.openapi.json`,
      `ORDERS_01.00.0000.openapi.json.${process.pid}.tmp`,
      "outside.txt",
    ]);
  });
});
