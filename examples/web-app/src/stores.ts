// Where the app keeps its state: sessions, logins in progress and each session's tokens. In memory for one
// process, or in Redis (REDIS_URL) so that any replica can serve any request and a refresh token is spent once
// across the fleet.
import { memoryTokenStore, type PendingLogin, type TokenStore } from "@oic-gen/runtime";
import {
  memoryPendingLoginStore,
  redisPendingLoginStore,
  redisTokenStore,
  type PendingLoginStore,
  type RecordEncryption,
  type RedisCommandClient,
} from "@oic-gen/runtime-redis";
import { RedisSessionStore } from "./redis-sessions.js";
import { MemorySessionStore, type SessionStore } from "./sessions.js";

/** A login in progress: the runtime's secrets, and where to go after it. */
export interface PendingWebLogin {
  login: PendingLogin;
  returnTo: string;
}

export interface AppStores {
  readonly kind: "memory" | "redis";
  readonly sessions: SessionStore;
  readonly pendingLogins: PendingLoginStore<PendingWebLogin>;
  /** The token store of one session: its user's tokens, never shared with another session. */
  tokensFor(sessionId: string): TokenStore;
}

/** Everything in this process: for one process only. */
export function memoryStores(): AppStores {
  const tokens = new Map<string, TokenStore>();
  return {
    kind: "memory",
    sessions: new MemorySessionStore({ onDestroy: (session) => tokens.delete(session.id) }),
    pendingLogins: memoryPendingLoginStore<PendingWebLogin>(),
    tokensFor(sessionId) {
      let store = tokens.get(sessionId);
      if (!store) tokens.set(sessionId, (store = memoryTokenStore()));
      return store;
    },
  };
}

export interface RedisStoresOptions {
  /** A connected node-redis client. */
  client: RedisCommandClient;
  /** Which application and instance the tokens belong to (part of the token keys). */
  binding: string;
  /** Encryption of token records and pending logins at rest. */
  encryption?: RecordEncryption;
  /** Lifetime of a token store lock without renewal (ms): how soon a crashed replica's lock frees itself. */
  lockTtlMs?: number;
}

/** Everything in Redis: for several replicas. */
export function redisStores(options: RedisStoresOptions): AppStores {
  const { client, binding, encryption, lockTtlMs } = options;
  return {
    kind: "redis",
    sessions: new RedisSessionStore({ client }),
    pendingLogins: redisPendingLoginStore<PendingWebLogin>({ client, encryption }),
    tokensFor: (sessionId) =>
      redisTokenStore({ client, user: sessionId, binding, encryption, ...(lockTtlMs ? { lockTtlMs } : {}) }),
  };
}
