// @oic-gen/runtime-redis: the stores a web app needs to run as several replicas behind a load balancer.
export { redisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions } from "./token-store.js";
export { redisPendingLoginStore, type RedisPendingLoginStoreOptions } from "./pending-logins/redis.js";
export {
  memoryPendingLoginStore,
  type MemoryPendingLoginStore,
  type MemoryPendingLoginStoreOptions,
} from "./pending-logins/memory.js";
export {
  DEFAULT_PENDING_LOGIN_TTL_MS,
  DEFAULT_PENDING_LOGINS_PER_CLIENT,
  type PendingLoginStore,
  type PendingLoginStoreOptions,
} from "./pending-logins/types.js";
export { RedisStoreError, isRedisStoreError, type RedisStoreFailure } from "./errors.js";
export type { RecordEncryption, RecordKey } from "./record-cipher.js";
export { DEFAULT_COMMAND_TIMEOUT_MS, RedisCommands, type RedisCommandClient } from "./redis-commands.js";
