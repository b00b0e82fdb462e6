// Lua scripts of the lock: Redis runs each one atomically, so "is it still mine?" and the change that
// follows cannot be split by another client's command.

/** KEYS[1] lock; ARGV[1] holder value. Deletes the lock only when it still holds our value. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** KEYS[1] lock; ARGV[1] holder value, ARGV[2] ttl ms. Extends the lock only when it still holds our value. */
export const RENEW_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
