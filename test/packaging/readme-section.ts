/**
 * The code blocks of the README's "Using oic-gen in your own project", by step, so a test can run them as a
 * reader would: what the README says is what gets executed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ReadmeBlock {
  /** The `###` heading the block sits under, e.g. "1. Install". */
  step: string;
  lang: string;
  code: string;
}

export const SECTION = "## Using oic-gen in your own project";

export function ownProjectBlocks(root: string): ReadmeBlock[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf(`${SECTION}\n`);
  if (start === -1) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.indexOf("\n## ", start + SECTION.length);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks: ReadmeBlock[] = [];
  let step = "";
  for (const match of section.matchAll(/^### (.+)$|^```(\w+)\n([\s\S]*?)^```$/gm)) {
    if (match[1]) step = match[1];
    else blocks.push({ step, lang: match[2]!, code: match[3]! });
  }
  return blocks;
}

/** The one block of `lang` under the step whose heading starts with `stepPrefix` (and contains `including`). */
export function block(blocks: ReadmeBlock[], stepPrefix: string, lang: string, including = ""): string {
  const found = blocks.filter((b) => b.step.startsWith(stepPrefix) && b.lang === lang && b.code.includes(including));
  if (found.length !== 1)
    throw new Error(`expected one ${lang} block under "${stepPrefix}" (with "${including}"), found ${found.length}`);
  return found[0]!.code;
}

/** The command lines of a `sh` block. */
export function commands(code: string): string[] {
  return code
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}
