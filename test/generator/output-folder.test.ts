import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CRASH_POINTS } from "../../generator/src/write/crash-points.js";
import { fleet, hashTree, ROOT, runCli, runHere, tempDir } from "./support.js";

const MANIFEST = ".oic-gen-manifest.json";

/** A copy of specs/ in a folder of its own (other test files work in test/.tmp at the same time). */
function specsCopy(): string {
  const dir = join(tempDir("specs"), "specs");
  cpSync(join(ROOT, "specs"), dir, { recursive: true });
  return dir;
}

describe("the output folder", () => {
  it("is byte-identical on a re-run, and an up-to-date re-run touches nothing", async () => {
    const out = join(tempDir("rerun"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    const first = hashTree(out);
    const second = await runHere(["./specs", "--out", out]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("already up to date");
    expect(hashTree(out)).toEqual(first);
    // A fresh folder gets the same bytes as the re-run: no timestamps, no absolute paths.
    const other = join(tempDir("rerun2"), "oic");
    expect((await runHere(["./specs", "--out", other])).status).toBe(0);
    expect(hashTree(other)).toEqual(first);
  });

  // The exit codes of --check are what CI relies on: the first and last check run through the real CLI; the
  // listing of what changed, in between, is the same report run in this process.
  it("--check exits 1 and lists what would change, then 0 once regenerated", async () => {
    const specs = specsCopy();
    const out = join(tempDir("check"), "oic");
    expect(runCli([specs, "--out", out, "--check"]).status).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    expect((await runHere([specs, "--out", out, "--check"])).status).toBe(0);

    const file = join(specs, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("Get a delivery with its tracking history", "Get one delivery"),
    );
    rmSync(join(specs, "SUPPORT_TICKET_NOTE_01.00.0000.openapi.yaml"));
    const before = hashTree(out);
    const check = await runHere([specs, "--out", out, "--check"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/changed +shipment-notify-v1-0\/index\.ts/);
    expect(check.stderr).toMatch(/removed +support-ticket-note-v1-0\/index\.ts/);
    expect(check.stderr).not.toMatch(/orders-sync/);
    expect(hashTree(out)).toEqual(before);

    expect((await runHere([specs, "--out", out])).status).toBe(0);
    expect(existsSync(join(out, "support-ticket-note-v1-0"))).toBe(false);
    expect(readFileSync(join(out, "shipment-notify-v1-0/index.ts"), "utf8")).toContain("Get one delivery");
    expect(runCli([specs, "--out", out, "--check"]).status).toBe(0);
  });

  it("never touches files it did not write, even inside a folder it removes", async () => {
    const specs = specsCopy();
    const out = join(tempDir("foreign"), "oic");
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    writeFileSync(join(out, "README.md"), "mine\n");
    writeFileSync(join(out, "support-ticket-note-v1-0", "notes.txt"), "also mine\n");
    writeFileSync(join(out, "index.ts.bak"), "backup\n");
    rmSync(join(specs, "SUPPORT_TICKET_NOTE_01.00.0000.openapi.yaml"));
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    expect(readFileSync(join(out, "README.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(out, "support-ticket-note-v1-0", "notes.txt"), "utf8")).toBe("also mine\n");
    expect(readFileSync(join(out, "index.ts.bak"), "utf8")).toBe("backup\n");
    expect(existsSync(join(out, "support-ticket-note-v1-0", "index.ts"))).toBe(false);
  });

  it("regenerates a generated file that someone edited", async () => {
    const out = join(tempDir("edited"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    const original = readFileSync(join(out, "shipment-notify-v1-0/index.ts"), "utf8");
    writeFileSync(join(out, "shipment-notify-v1-0/index.ts"), "// edited by hand\n");
    expect((await runHere(["./specs", "--out", out, "--check"])).status).toBe(1);
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    expect(readFileSync(join(out, "shipment-notify-v1-0/index.ts"), "utf8")).toBe(original);
  });

  it("notices an edit of a generated file that keeps its size and modification time", async () => {
    const out = join(tempDir("edited-same-stamp"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    const file = join(out, "shipment-notify-v1-0/types.ts");
    const original = readFileSync(file, "utf8");
    const stamp = new Date("2026-01-02T03:04:05Z");
    utimesSync(file, stamp, stamp);
    const before = statSync(file);
    // Same length, different bytes, the old modification time put back: only the content tells.
    const edited = original.replace(/export /, "EXPORT ");
    expect(edited.length).toBe(original.length);
    writeFileSync(file, edited);
    utimesSync(file, stamp, stamp);
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const check = await runHere(["./specs", "--out", out, "--check"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/changed +shipment-notify-v1-0\/types\.ts/);
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(original);
  });

  it("refuses to overwrite a file it did not write, or to write through a symbolic link, and changes nothing", async () => {
    const specs = specsCopy();
    const aside = join(specs, "..", "aside");
    mkdirSync(aside);
    cpSync(
      join(specs, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml"),
      join(aside, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml"),
    );
    rmSync(join(specs, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml"));
    const out = join(tempDir("conflicts"), "oic");
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    // Someone's own file where the next generated file will go; elsewhere a folder replaced by a link.
    mkdirSync(join(out, "shipment-notify-v1-0"));
    writeFileSync(join(out, "shipment-notify-v1-0", "index.ts"), "// mine\n");
    const victim = join(tempDir("victim"), "dir");
    mkdirSync(victim);
    rmSync(join(out, "orders-sync-v2-0"), { recursive: true });
    symlinkSync(victim, join(out, "orders-sync-v2-0"));
    cpSync(
      join(aside, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml"),
      join(specs, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml"),
    );
    const before = hashTree(out);
    const result = await runHere([specs, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/shipment-notify-v1-0\/index\.ts exists and was not written by oic-gen/);
    expect(result.stderr).toMatch(/orders-sync-v2-0 is a symbolic link/);
    expect(hashTree(out)).toEqual(before);
    expect(readFileSync(join(out, "shipment-notify-v1-0", "index.ts"), "utf8")).toBe("// mine\n");
    expect(readdirSync(victim)).toEqual([]);
  });

  it("keeps folder permissions and empty folders of its own, and refuses a non-empty folder it did not write", async () => {
    const out = join(tempDir("modes"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    mkdirSync(join(out, "private"));
    writeFileSync(join(out, "private", "notes.txt"), "x\n");
    chmodSync(join(out, "private"), 0o700);
    chmodSync(out, 0o750);
    mkdirSync(join(out, "empty"));
    rmSync(join(out, "shipment-notify-v1-0", "index.ts"));
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    expect(statSync(join(out, "private")).mode & 0o777).toBe(0o700);
    expect(statSync(out).mode & 0o777).toBe(0o750);
    expect(existsSync(join(out, "empty"))).toBe(true);

    const foreign = tempDir("foreign-folder");
    writeFileSync(join(foreign, "settings.json"), "{}\n");
    const refused = await runHere(["./specs", "--out", foreign]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not empty and has no \.oic-gen-manifest\.json/);
    expect(readdirSync(foreign)).toEqual(["settings.json"]);
  });

  it("does not trust a damaged or edited manifest", async () => {
    const out = join(tempDir("manifest"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    const path = join(out, ".oic-gen-manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    manifest.integrations[0].catalogue.operations[0].deprecated =
      '(globalThis.process.stdout.write("INJECTED"), false)';
    manifest.integrations[1].catalogue.module = "x; globalThis.pwned = 1; export const y";
    writeFileSync(path, JSON.stringify(manifest));
    const before = hashTree(out);
    const result = await runHere(["./specs", "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\.oic-gen-manifest\.json is damaged/);
    expect(hashTree(out)).toEqual(before);
    writeFileSync(path, "{ not json");
    expect((await runHere(["./specs", "--out", out])).status).toBe(1);
  });

  it("never deletes a file the manifest names unless it holds what the manifest recorded", async () => {
    const specs = specsCopy();
    const out = join(tempDir("manifest-delete"), "oic");
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    // The user's own file, claimed by an edited manifest with a hash that is not its content.
    writeFileSync(join(out, "NOTES.md"), "mine\n");
    const path = join(out, ".oic-gen-manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    manifest.files["NOTES.md"] = "0".repeat(64);
    writeFileSync(path, JSON.stringify(manifest, null, 2));
    // A generated file edited by hand whose spec then goes away.
    writeFileSync(join(out, "support-ticket-note-v1-0/index.ts"), "// my edits\n");
    rmSync(join(specs, "SUPPORT_TICKET_NOTE_01.00.0000.openapi.yaml"));
    const result = await runHere([specs, "--out", out]);
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(join(out, "NOTES.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(out, "support-ticket-note-v1-0/index.ts"), "utf8")).toBe("// my edits\n");
    // What still held the recorded content was removed as before.
    expect(existsSync(join(out, "support-ticket-note-v1-0/types.ts"))).toBe(false);
  });

  it.each([
    ["the input folder", (specs: string) => specs],
    ["a folder inside the input", (specs: string) => join(specs, "generated")],
    ["a parent of the input", (specs: string) => join(specs, "..")],
    ["the working directory (project root)", () => ROOT],
  ])("refuses %s as --out and changes nothing", async (_, outFor) => {
    const specs = specsCopy();
    const before = hashTree(join(specs, ".."));
    const result = await runHere([specs, "--out", outFor(specs)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to write/);
    expect(hashTree(join(specs, ".."))).toEqual(before);
  });

  describe("killed at any point of the write (crash points injected, no timing)", () => {
    // One input folder for every run: generated headers name the spec relative to its folder's parent.
    let input: string;
    let fleetA: string;
    let fleetB: string;
    let oldState: Record<string, string>;
    let newState: Record<string, string>;

    beforeAll(async () => {
      fleetA = fleet(8, 5, { prefix: "fleet-a" });
      fleetB = fleet(8, 6, { prefix: "fleet-b" });
      input = tempDir("fleet-input");
      const states: Record<string, string>[] = [];
      for (const source of [fleetA, fleetB]) {
        rmSync(input, { recursive: true, force: true });
        cpSync(source, input, { recursive: true });
        const scratch = join(tempDir("state"), "oic");
        expect((await runHere([input, "--out", scratch])).status).toBe(0);
        states.push(hashTree(scratch));
      }
      [oldState, newState] = states as [Record<string, string>, Record<string, string>];
      expect(oldState).not.toEqual(newState);
      // Files are removed, added and changed between the two: every kind of step is crossed.
      const [oldFiles, newFiles] = [oldState, newState].map((state) => Object.keys(state));
      expect(oldFiles!.some((path) => !newFiles!.includes(path))).toBe(true);
      expect(newFiles!.some((path) => !oldFiles!.includes(path))).toBe(true);
    });

    function useFleet(source: string): void {
      rmSync(input, { recursive: true, force: true });
      cpSync(source, input, { recursive: true });
    }

    /** The new files with the old manifest: what a crash leaves once every file is in and before the commit. */
    function newFilesOldManifest(): Record<string, string> {
      return { ...newState, [MANIFEST]: oldState[MANIFEST]! };
    }

    it.each(CRASH_POINTS)(
      "at %s: the old output, or the new one, or a write the next run (even --check) finishes",
      async (point) => {
        const out = join(tempDir(`killed-${point}`), "oic");
        useFleet(fleetA);
        expect((await runHere([input, "--out", out])).status).toBe(0);
        expect(hashTree(out)).toEqual(oldState);
        useFleet(fleetB);
        const killed = runCli([input, "--out", out, "-q"], { env: { OIC_GEN_CRASH_AT: point } });
        expect(killed.signal, killed.output).toBe("SIGKILL");
        const decided = !["staging-created", "staging-written"].includes(point);
        const left = hashTree(out);
        if (point === "files-moving") {
          // Part of the new files are in, the manifest is still the old one: the journal says what is left.
          expect(left[MANIFEST]).toBe(oldState[MANIFEST]);
          expect(left).not.toEqual(oldState);
          expect(left).not.toEqual(newFilesOldManifest());
        } else if (point === "files-moved") {
          expect(left).toEqual(newFilesOldManifest());
        } else {
          expect(left).toEqual(point === "manifest-committed" ? newState : oldState);
        }
        expect(existsSync(`${out}.oic-gen-staging`)).toBe(true);
        const check = await runHere([input, "--out", out, "--check"]);
        expect(check.status, check.output).toBe(decided ? 0 : 1);
        expect(hashTree(out)).toEqual(decided ? newState : oldState);
        expect(existsSync(`${out}.oic-gen-staging`)).toBe(false);
        // And a run settles whatever --check left: the new output, with nothing to do after it.
        expect((await runHere([input, "--out", out])).status).toBe(0);
        expect(hashTree(out)).toEqual(newState);
      },
    );

    it("a write left half-way is not finished over a file someone put where it was going", async () => {
      const out = join(tempDir("killed-foreign"), "oic");
      useFleet(fleetA);
      expect((await runHere([input, "--out", out])).status).toBe(0);
      useFleet(fleetB);
      const killed = runCli([input, "--out", out, "-q"], { env: { OIC_GEN_CRASH_AT: "staging-ready" } });
      expect(killed.signal, killed.output).toBe("SIGKILL");
      const added = Object.keys(newState).find((path) => !(path in oldState))!;
      mkdirSync(join(out, added, ".."), { recursive: true });
      writeFileSync(join(out, added), "// mine\n");
      const result = await runHere([input, "--out", out]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${added} exists and was not written by oic-gen`);
      expect(readFileSync(join(out, added), "utf8")).toBe("// mine\n");
      const left = hashTree(out);
      for (const [path, hash] of Object.entries(oldState)) expect(left[path], path).toBe(hash);
      expect(existsSync(`${out}.oic-gen-staging`)).toBe(false);
    });
  });
});

describe("the output does not depend on the working directory", () => {
  it("gives the same bytes, and --check agrees, when run from elsewhere", async () => {
    const out = join(tempDir("cwd"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    const elsewhere = tempDir("cwd-elsewhere");
    const check = runCli([join(ROOT, "specs"), "--out", out, "--check"], { cwd: elsewhere });
    expect(check.status, check.output).toBe(0);
  });
});

describe("two runs on one output folder", () => {
  it("the second is refused while the first holds the lock; a lock left by a dead process is taken over", async () => {
    const out = join(tempDir("locked"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    // A live process (this test runner) holds the lock.
    writeFileSync(`${out}.oic-gen-lock`, String(process.pid));
    const refused = runCli(["./specs", "--out", out, "--check"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`another oic-gen \\(pid ${process.pid}\\) is writing`));
    // A process that is gone: its lock does not block anyone.
    writeFileSync(`${out}.oic-gen-lock`, "2147483646");
    expect(runCli(["./specs", "--out", out, "--check"]).status).toBe(0);
    expect(existsSync(`${out}.oic-gen-lock`)).toBe(false);
  });
});
