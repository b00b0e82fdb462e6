import { Mutex } from "./mutex.js";
import type { StoredTokens, TokenStore } from "./types.js";

/**
 * Keeps tokens in this process's memory only: they are gone when the process exits. The default store.
 * Several auth objects may share one memory store; their renewals are serialised by its lock.
 *
 * @param initial Tokens to start with (e.g. restored from somewhere else by the app).
 */
export function memoryTokenStore(initial?: StoredTokens): TokenStore {
  let tokens = initial;
  const mutex = new Mutex();
  return {
    async load() {
      return tokens;
    },
    async save(next) {
      tokens = next;
    },
    async clear() {
      tokens = undefined;
    },
    lock(task) {
      return mutex.run(task);
    },
  };
}
