import { randomBytes } from "node:crypto";
import { RedisStoreError } from "../errors.js";
import {
  DEFAULT_PENDING_LOGIN_TTL_MS,
  DEFAULT_PENDING_LOGINS_PER_CLIENT,
  type PendingLoginStore,
  type PendingLoginStoreOptions,
} from "./types.js";

/** Options of {@link memoryPendingLoginStore}. */
export interface MemoryPendingLoginStoreOptions extends PendingLoginStoreOptions {
  /** Pending logins in all, for many clients at once (a flood from many addresses). Default 10 000: the oldest goes first. */
  maxTotal?: number;
  /** The clock (epoch ms). Default `Date.now`. */
  now?: () => number;
}

/** A {@link PendingLoginStore} that can also say how much it holds. */
export interface MemoryPendingLoginStore<T> extends PendingLoginStore<T> {
  /** Pending logins held now (expired ones included until the next put or take sweeps them). */
  readonly size: number;
}

interface Entry<T> {
  readonly client: string;
  readonly value: T;
  readonly expiresAt: number;
}

/**
 * Pending logins in this process's memory: for an app that runs as one process. Entries live in insertion order,
 * which (with one TTL for all) is expiry order, so sweeping stops at the first live entry instead of walking
 * every entry on every request.
 */
export function memoryPendingLoginStore<T>(options: MemoryPendingLoginStoreOptions = {}): MemoryPendingLoginStore<T> {
  const ttlMs = options.ttlMs ?? DEFAULT_PENDING_LOGIN_TTL_MS;
  const maxPerClient = options.maxPerClient ?? DEFAULT_PENDING_LOGINS_PER_CLIENT;
  const maxTotal = options.maxTotal ?? 10_000;
  const now = options.now ?? Date.now;
  if (!(ttlMs > 0) || !(maxPerClient >= 1) || !(maxTotal >= 1))
    throw new RedisStoreError("failed", "ttlMs, maxPerClient and maxTotal must be positive");
  const entries = new Map<string, Entry<T>>();
  /** Per client, its ids oldest first. */
  const byClient = new Map<string, string[]>();

  function remove(id: string): Entry<T> | undefined {
    const entry = entries.get(id);
    if (!entry) return undefined;
    entries.delete(id);
    const ids = byClient.get(entry.client)!;
    ids.splice(ids.indexOf(id), 1);
    if (ids.length === 0) byClient.delete(entry.client);
    return entry;
  }

  function sweep(at: number): void {
    for (const [id, entry] of entries) {
      if (entry.expiresAt > at) break;
      remove(id);
    }
  }

  return {
    get size() {
      return entries.size;
    },
    async put(client, value) {
      const at = now();
      sweep(at);
      const own = byClient.get(client) ?? [];
      while (own.length >= maxPerClient) remove(own[0]!);
      while (entries.size >= maxTotal) remove(entries.keys().next().value!);
      const id = randomBytes(32).toString("base64url");
      entries.set(id, { client, value, expiresAt: at + ttlMs });
      byClient.set(client, [...(byClient.get(client) ?? []), id]);
      return id;
    },
    async take(id) {
      const at = now();
      sweep(at);
      const entry = remove(id);
      return entry && entry.expiresAt > at ? entry.value : undefined;
    },
  };
}
