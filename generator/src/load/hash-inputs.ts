import { createHash } from "node:crypto";

/** The hash a spec is recorded under: its entry's text, then its dependencies' (sorted by path). */
export function hashInputs(texts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(text).update("\0");
  return hash.digest("hex").slice(0, 32);
}
