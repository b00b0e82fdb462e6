#!/usr/bin/env node
/**
 * `npm run demo`: the whole story on loopback, in one process.
 *
 * 1. starts the sandbox (identity-domain and OIC stand-ins) on the embedded specs/, access tokens living 5 s;
 * 2. generates typed functions with the built generator and compiles them with the repo's TypeScript;
 * 3. signs alice in through headless Chromium (the runtime's authorization code grant, PKCE, Basic secret);
 * 4. calls every generated function once (walking the generated `catalogue`);
 * 5. lets the access token expire and calls again: the runtime refreshes silently (no second sign-in);
 *    with `--no-wait` (the tests), the session's clock is moved past the expiry instead of waiting for it;
 * 6. prints a short report. Exit code 0 only when everything worked.
 *
 * Never prints tokens, codes or verifiers. Needs the packages built (`tsc -b`) and /usr/bin/chromium.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { chromium } from "playwright-core";
import { CHROMIUM_LAUNCH_OPTIONS } from "./chromium.mjs";
import { authorizationCode, createOicClient, isOicHttpError, memoryTokenStore, oicScope } from "@oic-gen/runtime/node";
import { loadIntegrations, startSandbox } from "../sandbox/dist/index.js";
import { sampleValue } from "../sandbox/dist/sample-data.js";
import { resolveLocal } from "../generator/dist/load/json-walk.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SPECS = join(ROOT, "specs");
const CLI = join(ROOT, "generator/bin/oic-gen.js");
const ACCESS_TOKEN_TTL = 5;
const USER = "alice";
const NO_WAIT = process.argv.includes("--no-wait");
/** The session's time: the real clock, moved ahead by `clockAhead` when --no-wait lets a token expire at once. */
let clockAhead = 0;
const clock = { now: () => Date.now() + clockAhead };

const say = (line = "") => process.stdout.write(`${line}\n`);

/** A port that was free a moment ago: the callback is never listened on, but it must not reach another program. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// A hung browser or server must not hang CI: give up after 90 s.
const watchdog = setTimeout(() => {
  process.stderr.write("demo: gave up after 90 s\n");
  process.exit(1);
}, 90_000);
watchdog.unref();

// Inside node_modules/.cache so the generated code resolves @oic-gen/runtime from the workspace.
const cacheDir = join(ROOT, "node_modules/.cache");
mkdirSync(cacheDir, { recursive: true });
const work = mkdtempSync(join(cacheDir, "oic-gen-demo-"));
let sandbox;
let browser;
let failures = 0;

try {
  // 1. The sandbox.
  // A redirect URL on a free port rather than the default 8765, so runs in parallel never share one.
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  sandbox = await startSandbox({ specs: [SPECS], accessTokenTtl: ACCESS_TOKEN_TTL, redirectUris: [redirectUri] });
  const idcs = sandbox.identityDomain;
  say(
    `Sandbox: identity domain ${idcs.url}, OIC instance ${sandbox.instanceUrl}, ${sandbox.integrations.length} integrations, access tokens ${ACCESS_TOKEN_TTL} s`,
  );

  // 2. Generate and compile.
  const out = join(work, "src/oic");
  const generated = spawnSync(process.execPath, [CLI, SPECS, "--out", out], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  if (generated.status !== 0) throw new Error(`oic-gen failed:\n${generated.stdout}${generated.stderr}`);
  say(generated.stdout.trim().replace(out, relative(ROOT, out)));
  const compiled = compile(out, join(work, "js"));
  say(`Compiled the generated code with TypeScript ${ts.version} (strict, NodeNext): ${compiled.errors} errors`);
  if (compiled.errors > 0) failures += 1;
  const oic = await import(pathToFileURL(join(work, "js/index.js")).href);

  // 3. Sign in through headless Chromium (a CustomLogin: the runtime gets the callback URL from the browser).
  browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  let signIns = 0;
  const auth = authorizationCode({
    domainUrl: idcs.url,
    allowInsecureRequests: true, // the sandbox is plain http on loopback
    clientId: idcs.clientId,
    clientSecret: idcs.clientSecret,
    scope: oicScope(sandbox.instanceUrl),
    redirectUri,
    store: memoryTokenStore(),
    clock,
    login: async ({ authorizationUrl, redirectUri }) => {
      signIns += 1;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        // The identity domain redirects to the callback URL; nothing listens there, the URL is all we need.
        const callback = new Promise((resolveUrl) =>
          page.on("request", (request) => request.url().startsWith(redirectUri) && resolveUrl(request.url())),
        );
        await page.goto(authorizationUrl.href);
        await page.locator("#username").fill(USER);
        await page.locator("#password").fill(idcs.users[USER]);
        await page.locator("#sign-in").click({ noWaitAfter: true });
        return await callback;
      } finally {
        await context.close();
      }
    },
  });
  const client = createOicClient({ instanceUrl: sandbox.instanceUrl, auth });
  await auth.login();
  say(`Signed in as ${USER} in headless Chromium (authorization code + PKCE, client secret as a Basic header)`);

  // 4. Every generated function once.
  const hosted = await loadIntegrations([SPECS]);
  const results = [];
  say("");
  say("Calls:");
  for (const entry of oic.catalogue) {
    const integration = hosted.find(
      (candidate) => candidate.code === entry.code && candidate.urlVersion === entry.version,
    );
    for (const operation of entry.operations) {
      const model = integration?.operations.find(
        (candidate) => candidate.path === operation.path && candidate.method === operation.method,
      );
      const input = model ? minimalInput(integration.model, model) : {};
      const result = await call(() => oic[entry.module][operation.name](client, input), operation);
      results.push(result);
      say(
        `  ${result.ok ? "OK  " : "FAIL"} ${`${entry.code ?? entry.module} ${entry.version ?? ""}`.padEnd(34)} ${`${entry.module}.${operation.name}`.padEnd(52)} ${operation.method.padEnd(6)} ${String(result.status).padEnd(4)} ${result.shape}`,
      );
      if (!result.ok) failures += 1;
    }
  }

  // 5. Let the access token expire, then call again: the runtime refreshes it without a sign-in.
  const before = { ...idcs.tokenRequests.byGrant };
  const status = await auth.status();
  const waitMs =
    Math.max(0, (status.expiresAt?.getTime() ?? clock.now() + ACCESS_TOKEN_TTL * 1000) - clock.now()) + 1200;
  say("");
  if (NO_WAIT) {
    say(`Moving the session's clock ${(waitMs / 1000).toFixed(1)} s ahead: the access token has expired for it...`);
    clockAhead += waitMs;
  } else {
    say(`Waiting ${(waitMs / 1000).toFixed(1)} s for the access token to expire...`);
    await sleep(waitMs);
  }
  const first = oic.catalogue.find((entry) => entry.operations.some((operation) => operation.method === "GET"));
  const again = first.operations.find((operation) => operation.method === "GET");
  const integration = hosted.find(
    (candidate) => candidate.code === first.code && candidate.urlVersion === first.version,
  );
  const model = integration?.operations.find(
    (candidate) => candidate.path === again.path && candidate.method === again.method,
  );
  const afterExpiry = await call(
    () => oic[first.module][again.name](client, model ? minimalInput(integration.model, model) : {}),
    again,
  );
  const refreshes = (idcs.tokenRequests.byGrant.refresh_token ?? 0) - (before.refresh_token ?? 0);
  say(
    `  ${afterExpiry.ok ? "OK  " : "FAIL"} ${first.module}.${again.name} after expiry: ${afterExpiry.status}, ${refreshes} silent refresh${refreshes === 1 ? "" : "es"}, ${signIns} sign-in${signIns === 1 ? "" : "s"} in total`,
  );
  if (!afterExpiry.ok || refreshes < 1 || signIns !== 1) failures += 1;

  // 6. Report.
  const users = new Set(sandbox.calls.filter((entry) => entry.status < 400).map((entry) => entry.user));
  const ok = results.filter((result) => result.ok).length;
  say("");
  say("Report:");
  say(`  functions called:  ${ok}/${results.length} OK across ${oic.catalogue.length} integrations`);
  say(`  ran as:            ${[...users].join(", ")} (X-Oic-User, from the verified token's sub)`);
  say(
    `  token requests:    ${Object.entries(idcs.tokenRequests.byGrant)
      .map(([grant, count]) => `${grant} ${count}`)
      .join(", ")}`,
  );
  say(`  silent refreshes:  ${refreshes} (access token lifetime ${ACCESS_TOKEN_TTL} s)`);
  say(`  browser sign-ins:  ${signIns}`);
  if (users.size !== 1 || !users.has(USER)) failures += 1;
  say(failures === 0 ? "Demo: everything worked." : `Demo: ${failures} problem${failures === 1 ? "" : "s"}.`);
} catch (error) {
  failures += 1;
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await browser?.close().catch(() => undefined);
  await sandbox?.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
  clearTimeout(watchdog);
}
process.exitCode = failures === 0 ? 0 : 1;

/** Compiles the generated folder to JavaScript (strict, NodeNext), returning the number of errors. */
function compile(sourceDir, outDir) {
  writeFileSync(join(dirname(sourceDir), "package.json"), JSON.stringify({ type: "module", private: true }));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "package.json"), JSON.stringify({ type: "module", private: true }));
  const host = ts.createCompilerHost({});
  const files = ts.sys.readDirectory(sourceDir, [".ts"]);
  const program = ts.createProgram(
    files,
    {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      rootDir: sourceDir,
      outDir,
      types: [],
    },
    host,
  );
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  for (const diagnostic of diagnostics.slice(0, 5))
    process.stderr.write(`${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}\n`);
  return { errors: diagnostics.length };
}

/** Path parameters "1", required query and header parameters from their schemas, a minimal body. */
function minimalInput(doc, operation) {
  const input = {};
  const item = resolveLocal(doc, doc.paths?.[operation.specPath]) ?? {};
  const op = item[operation.method.toLowerCase()] ?? {};
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const parameter = resolveLocal(doc, raw);
    if (!parameter || typeof parameter.name !== "string") continue;
    const group = parameter.in;
    if (group === "path") (input.path ??= {})[parameter.name] = "1";
    else if ((group === "query" || group === "header") && parameter.required === true) {
      const value = parameter.example ?? sampleValue(doc, parameter.schema, parameter.name);
      (input[group] ??= {})[parameter.name] = group === "header" ? String(value) : value;
    }
  }
  if (operation.body) {
    const kind = operation.body.kind;
    const media = resolveLocal(doc, op.requestBody)?.content?.[operation.body.mediaType];
    const isArray = resolveLocal(doc, media?.schema)?.type === "array";
    input.body =
      kind === "json"
        ? isArray
          ? []
          : {}
        : kind === "text"
          ? ""
          : kind === "form"
            ? new URLSearchParams()
            : kind === "multipart"
              ? new FormData()
              : new Blob([]);
  }
  return input;
}

/** Calls one function; the status is what the sandbox answered (its call log), the shape what came back. */
async function call(run, operation) {
  const seen = sandbox.calls.length;
  try {
    const value = await run();
    const answered = sandbox.calls
      .slice(seen)
      .filter((entry) => entry.status !== 401)
      .at(-1);
    const status = answered?.status ?? 0;
    return {
      ok: status >= 200 && status < 300 && answered.method === operation.method,
      status,
      shape: describe(value),
    };
  } catch (error) {
    return {
      ok: false,
      status: isOicHttpError(error) ? error.status : "ERR",
      shape: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

function describe(value) {
  if (value === undefined) return "(no body)";
  if (typeof value === "string")
    return `text, ${value.length} chars${value.trimStart().startsWith("<") ? " (XML)" : ""}`;
  if (value instanceof Blob) return `binary, ${value.size} bytes`;
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (value && typeof value === "object")
    return `object {${Object.keys(value).slice(0, 3).join(", ")}${Object.keys(value).length > 3 ? ", ..." : ""}}`;
  return typeof value;
}
