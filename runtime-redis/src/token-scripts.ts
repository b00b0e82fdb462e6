// Lua scripts of the token record. The record is a hash { rev, data }: `rev` is a random id that changes
// with every write, so a writer can say "only if the record is still the one I read" (no ABA: a rev is never
// reused). Both scripts also refuse to write while someone else holds the lock.

/**
 * KEYS[1] record, KEYS[2] lock; ARGV[1] our lock value, ARGV[2] the rev we read ("*": any, "": none),
 * ARGV[3] the new rev, ARGV[4] the data, ARGV[5] TTL ms.
 * Returns `ok`; `same` when this very write already landed (a retry after a lost reply); `not-holder` when
 * another holder has the lock; `conflict` when the record changed since it was read.
 */
export const SAVE_RECORD = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if rev == ARGV[3] then return 'same' end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 'not-holder' end
if ARGV[2] ~= '*' and (rev or '') ~= ARGV[2] then return 'conflict' end
redis.call('HSET', KEYS[1], 'rev', ARGV[3], 'data', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 'ok'`;

/** KEYS[1] record, KEYS[2] lock; ARGV[1] our lock value, ARGV[2] the rev we read ("*": any). Same answers as the save. */
export const CLEAR_RECORD = `
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 'not-holder' end
local rev = redis.call('HGET', KEYS[1], 'rev')
if ARGV[2] ~= '*' and (rev or '') ~= ARGV[2] then return 'conflict' end
redis.call('DEL', KEYS[1])
return 'ok'`;
