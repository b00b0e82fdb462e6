import { createHash } from "node:crypto";

/** Default prefix of every key the stores write. */
export const DEFAULT_PREFIX = "oic:";

/**
 * A Redis hash tag (`{...}`) for one user and binding: the record and its lock share it, so on Redis Cluster
 * they live in one slot and one script can touch both. The user is URL-encoded (no `{`, `}` or `:` left), the
 * binding hashed (it can be long, and the scope in it is nobody's business).
 */
export function userTag(user: string, binding: string): string {
  return `{${encodeURIComponent(user)}:${shortHash(binding)}}`;
}

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
