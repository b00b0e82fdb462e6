import { parseStoredTokens, type StoredTokens } from "@oic-gen/runtime";

/** Reads a stored JSON text as a token record with the runtime's own checks: anything else reads as "no tokens". */
export function parseTokenRecord(text: string): StoredTokens | undefined {
  try {
    return parseStoredTokens(JSON.parse(text));
  } catch {
    return undefined;
  }
}
