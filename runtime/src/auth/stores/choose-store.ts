import { memoryTokenStore } from "./memory.js";
import type { LoginKey, TokenStore, TokenStoreChoice } from "./types.js";

/** The store a grant uses: the one given, the one a function picks for the login's key, or memory. */
export function chooseStore(choice: TokenStoreChoice | undefined, key: LoginKey): TokenStore {
  if (choice === undefined) return memoryTokenStore();
  return typeof choice === "function" ? choice(key) : choice;
}
