import { randomBytes } from "node:crypto";
import { RedisStoreError } from "../errors.js";
import { DEFAULT_PREFIX, shortHash } from "../keys.js";
import { RecordCipher, type RecordEncryption } from "../record-cipher.js";
import { DEFAULT_COMMAND_TIMEOUT_MS, RedisCommands, type RedisCommandClient } from "../redis-commands.js";
import { PUT_PENDING, TAKE_PENDING } from "./redis-scripts.js";
import {
  DEFAULT_PENDING_LOGIN_TTL_MS,
  DEFAULT_PENDING_LOGINS_PER_CLIENT,
  type PendingLoginStore,
  type PendingLoginStoreOptions,
} from "./types.js";

/** Options of {@link redisPendingLoginStore}. */
export interface RedisPendingLoginStoreOptions extends PendingLoginStoreOptions {
  /** A connected node-redis client. */
  client: RedisCommandClient;
  /** Prefix of the keys. Default `"oic:"`. */
  prefix?: string;
  /** Encrypts the pending logins (they hold PKCE verifiers) like token records. Default: none. */
  encryption?: RecordEncryption;
  /** Deadline of each Redis command (ms). Default 2 000. */
  commandTimeoutMs?: number;
}

const ID = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/**
 * Pending logins in Redis, so `/login` on one replica and `/callback` on another work. Keys:
 * `<prefix>login:{<client hash>}:<id>` (the value, with a TTL) and `<prefix>login:{<client hash>}` (the client's
 * index); both expire within `ttlMs`, and a client holds at most `maxPerClient` logins. Values are JSON, so
 * `T` must survive `JSON.stringify`.
 */
export function redisPendingLoginStore<T>(options: RedisPendingLoginStoreOptions): PendingLoginStore<T> {
  const redis = new RedisCommands(options.client, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  const cipher = new RecordCipher(options.encryption);
  const ttlMs = Math.round(options.ttlMs ?? DEFAULT_PENDING_LOGIN_TTL_MS);
  const maxPerClient = options.maxPerClient ?? DEFAULT_PENDING_LOGINS_PER_CLIENT;
  if (!(ttlMs > 0) || !(maxPerClient >= 1))
    throw new RedisStoreError("failed", "ttlMs and maxPerClient must be positive");
  const prefix = `${options.prefix ?? DEFAULT_PREFIX}login:`;
  const index = (clientHash: string) => `${prefix}{${clientHash}}`;

  return {
    async put(client, value) {
      const clientHash = shortHash(client);
      const own = randomBytes(32).toString("base64url");
      const key = `${index(clientHash)}:${own}`;
      const data = cipher.seal(JSON.stringify(value), key);
      await redis.eval(
        PUT_PENDING,
        [key, index(clientHash)],
        [own, data, String(ttlMs), String(maxPerClient), `${index(clientHash)}:`],
        "the pending login save",
      );
      return `${clientHash}.${own}`;
    },
    async take(id) {
      const parts = typeof id === "string" ? ID.exec(id) : null;
      if (!parts) return undefined;
      const key = `${index(parts[1]!)}:${parts[2]!}`;
      const data = await redis.eval<string | null>(
        TAKE_PENDING,
        [key, index(parts[1]!)],
        [parts[2]!],
        "the pending login take",
      );
      if (typeof data !== "string") return undefined;
      const text = cipher.open(data, key);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as T;
      } catch {
        return undefined;
      }
    },
  };
}
