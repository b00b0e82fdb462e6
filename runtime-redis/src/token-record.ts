import type { StoredTokens } from "@oic-gen/runtime";

/**
 * Reads a stored JSON text as a version-1 token record, defensively: anything else reads as "no tokens",
 * as the runtime's own stores do (its parser is not exported, so the same checks are made here).
 */
export function parseTokenRecord(text: string): StoredTokens | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.version !== 1 || typeof record.accessToken !== "string" || typeof record.tokenType !== "string") return undefined;
  if (typeof record.receivedAt !== "number") return undefined;
  if (record.expiresAt !== undefined && typeof record.expiresAt !== "number") return undefined;
  for (const key of ["refreshToken", "scope", "idToken", "binding"]) {
    if (record[key] !== undefined && typeof record[key] !== "string") return undefined;
  }
  return record as unknown as StoredTokens;
}
