import { createHash } from "node:crypto";
import type { IntegrationItem } from "./list-integrations.js";

/**
 * File stems for a batch of integrations, `<CODE>_<VERSION>` (the file is `<stem>.<kind>.json`), that never collide and differ by
 * more than case (macOS and Windows folders ignore case). An id that the name cannot spell exactly (characters
 * replaced, lower-case letters where OIC codes are upper-case) or that would still clash gets a short hash of
 * the id: `A B|1` and `A_B|1` become `A_B_1-<hash>` and `A_B_1`.
 */
export function fileStems(items: readonly IntegrationItem[]): Map<IntegrationItem, string> {
  const stems = new Map(items.map((item) => [item, stem(item)] as const));
  const byFolded = new Map<string, number>();
  // Hashed names cannot meet plain ones (they end in -<hex>), so only plain names need counting.
  for (const { name, exact } of stems.values())
    if (exact) byFolded.set(name.toLowerCase(), (byFolded.get(name.toLowerCase()) ?? 0) + 1);
  const names = new Map<IntegrationItem, string>();
  for (const [item, { name, exact }] of stems) {
    const unique = exact && byFolded.get(name.toLowerCase()) === 1;
    names.set(item, unique ? name : `${name}-${idHash(item.id)}`);
  }
  return names;
}

/** `ORDERS_SYNC_01.00.0002`, and whether it spells the id exactly (so needs no hash to stay unique). */
function stem(item: IntegrationItem): { name: string; exact: boolean } {
  const [code, version] = item.id.includes("|")
    ? (item.id.split("|", 2) as [string, string])
    : [item.code, item.version];
  const safeCode = code.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^[^A-Za-z0-9]/, "x");
  const safeVersion = version.replace(/[^0-9A-Za-z.]/g, "_");
  const exact =
    safeCode === code &&
    safeVersion === version &&
    !/[a-z]/.test(code) &&
    item.id === `${code}|${version}` &&
    code.length <= 100 &&
    version.length <= 40;
  return { name: `${safeCode.slice(0, 100)}_${safeVersion.slice(0, 40)}`, exact };
}

function idHash(id: string): string {
  return createHash("sha256").update(id).digest("hex").slice(0, 10);
}
