/** How much larger than its files a prepared document may be, unless `--max-expansion` says otherwise. */
export const DEFAULT_MAX_EXPANSION = 20;

// Minified JSON spends 25–37 bytes per value in real specs and YAML fewer: counting one value per 10 bytes of
// input over-estimates what the files hold, so honest specs stay far below the limit.
const BYTES_PER_VALUE = 10;
// Small specs may expand more (a few shared schemas used everywhere) without being a threat.
const FLOOR = 500_000;

/**
 * Refuses a prepared document that holds far more values than its files could spell out: a YAML anchor
 * reused hundreds of times, or `$ref`s copied into place, expand a few hundred kilobytes into millions of
 * values, and openapi-typescript would print every copy (tens of megabytes of types, gigabytes of memory).
 * The count stops as soon as it passes the limit, so the check itself stays cheap.
 */
export function checkExpansion(document: unknown, inputBytes: number, maxExpansion: number): string | undefined {
  const limit = Math.max(FLOOR, Math.ceil((maxExpansion * inputBytes) / BYTES_PER_VALUE));
  let count = 0;
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (++count > limit) {
      return `the spec expands to more than ${limit.toLocaleString("en")} values, over ${maxExpansion}× what its ${(inputBytes / 1000).toFixed(0)} KB could hold (YAML aliases or references repeated many times); if it is genuine, raise the limit with --max-expansion`;
    }
    if (Array.isArray(node)) for (const child of node) stack.push(child);
    else if (typeof node === "object" && node !== null)
      for (const key of Object.keys(node)) stack.push((node as Record<string, unknown>)[key]);
  }
  return undefined;
}
