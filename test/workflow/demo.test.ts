/** `npm run demo` end to end: sandbox, generation, Chromium sign-in, every function, a silent refresh. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../generator/support.js";

it("node scripts/demo.mjs calls every generated function, refreshes silently and exits 0", () => {
  // --no-wait: the demo moves its session's clock past the token's expiry instead of sleeping until it.
  const run = spawnSync(process.execPath, [join(ROOT, "scripts/demo.mjs"), "--no-wait"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 55_000,
    env: { ...process.env, FORCE_COLOR: "0", CI: "true" },
  });
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status, output).toBe(0);
  expect(run.stdout).toMatch(/Compiled the generated code with TypeScript [\d.]+ \(strict, NodeNext\): 0 errors/);
  expect(run.stdout).toContain("Signed in as alice in headless Chromium");
  const calls = run.stdout.split("\n").filter((line) => /^ {2}(OK|FAIL) /.test(line));
  expect(calls.length).toBeGreaterThanOrEqual(27); // 26 functions + the call after expiry
  expect(calls.filter((line) => line.includes("FAIL"))).toEqual([]);
  expect(run.stdout).toMatch(/shipmentNotifyV1_0\.postShipmentsEvents\s+POST\s+202/);
  expect(run.stdout).toMatch(/functions called: +26\/26 OK across 8 integrations/);
  expect(run.stdout).toMatch(/ran as: +alice /);
  expect(run.stdout).toMatch(/silent refreshes: +[1-9]/);
  expect(run.stdout).toMatch(/browser sign-ins: +1$/m);
  expect(run.stdout).toContain("Demo: everything worked.");
  // Nothing that looks like a JWT or an authorization code reaches the output.
  expect(output).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  expect(output).not.toMatch(/code=[\w-]{10,}/);
}, 60_000);
