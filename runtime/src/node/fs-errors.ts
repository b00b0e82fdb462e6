import { OicError } from "../errors.js";

/** The `code` of a Node.js system error (`ENOENT`, `EEXIST`...), if it has one. */
export function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function isCode(error: unknown, code: string): boolean {
  return errorCode(error) === code;
}

/** `OIC_TOKEN_STORE_FAILED`: `message` plus the system error's code, with the error as cause. */
export function storeError(message: string, cause: unknown): OicError {
  const code = errorCode(cause);
  return new OicError("OIC_TOKEN_STORE_FAILED", `${message}${typeof code === "string" ? ` (${code})` : ""}`, { cause });
}
