// Lua scripts of the pending logins. A client's logins share a hash tag with its index (a sorted set of ids
// by start time, in microseconds of the Redis clock), so one script can evict, add and take atomically, on Redis Cluster too.

/**
 * KEYS[1] the new login, KEYS[2] the client's index; ARGV[1] the new id's own part, ARGV[2] data, ARGV[3]
 * TTL ms, ARGV[4] most logins per client, ARGV[5] prefix of the client's login keys. Drops the index's expired
 * ids, evicts the client's oldest logins beyond the bound, then adds the new one; everything expires with the TTL.
 */
export const PUT_PENDING = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl * 1000)
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4]) + 1
if over > 0 then
  for _, old in ipairs(redis.call('ZRANGE', KEYS[2], 0, over - 1)) do redis.call('DEL', ARGV[5] .. old) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
end
-- Scores are start times in microseconds, kept strictly increasing so "oldest" is exact.
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) >= now then now = tonumber(last[2]) + 1 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], ttl)
return 1`;

/** KEYS[1] the login, KEYS[2] the client's index; ARGV[1] the id's own part. Returns the data and deletes it (one use). */
export const TAKE_PENDING = `
local data = redis.call('GET', KEYS[1])
if data then redis.call('DEL', KEYS[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
return data`;
