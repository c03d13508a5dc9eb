/**
 * The Redis queue's steps, each one Lua script so it is atomic on the server: no other replica can
 * see a half-done enqueue or take a lease between a check and a set. Keys (all under one prefix,
 * which carries a `{hash tag}` so Redis Cluster keeps them in one slot):
 *
 *   seen:<id>      dedupe ids (`delivery:…`, `comment:…`), `SET NX EX` for days
 *   jobs:<key>     one issue's jobs, oldest first (JSON)
 *   ready          keys with jobs, scored by when they last got a turn (oldest served first)
 *   pending        how many jobs wait or run across replicas (the bound a flood hits)
 *   lease:<key>    `<fence>:<replica>`, `SET NX PX`, renewed while the job runs
 *   fence:<key>    INCR'd at each lease: the fencing token that makes a stale holder's finish a no-op
 */

/** KEYS: jobs, ready, pending, seen…; ARGV: entry, max pending, dedupe seconds, serial key, now. */
export const ENQUEUE = `
for i = 4, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 'duplicate' end
end
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[2]) then return 'full' end
for i = 4, #KEYS do redis.call('SET', KEYS[i], '1', 'EX', ARGV[3]) end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 'NX', ARGV[5], ARGV[4])
redis.call('INCR', KEYS[3])
return 'queued'
`;

/**
 * Takes the lease of a key with waiting jobs and returns `{token, head job}`, or nil when the lease
 * is held or the key has no jobs (then it leaves `ready`).
 * KEYS: lease, fence, jobs, ready; ARGV: replica id, lease ms, serial key.
 */
export const TAKE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return nil end
local head = redis.call('LINDEX', KEYS[3], 0)
if not head then
  redis.call('ZREM', KEYS[4], ARGV[3])
  return nil
end
local token = redis.call('INCR', KEYS[2]) .. ':' .. ARGV[1]
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return {token, head}
`;

/** A lease without a job list (the sweep's per-repository job). KEYS: lease, fence; ARGV: replica, ms. */
export const LEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return nil end
local token = redis.call('INCR', KEYS[2]) .. ':' .. ARGV[1]
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token
`;

/** KEYS: lease; ARGV: token, ms. 1 when still ours and extended, 0 when lost. */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

/** Compare-and-delete. KEYS: lease; ARGV: token. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * The job at the head is done: only while the lease is still ours (a holder whose lease expired
 * and was taken over must not pop the new holder's job), pop it, requeue the key at the back of
 * `ready` when more jobs wait, release the lease. 1 when finished, 0 when the lease was lost.
 * KEYS: lease, jobs, ready, pending; ARGV: token, serial key, entry, now.
 */
export const FINISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('LINDEX', KEYS[2], 0) == ARGV[3] then
  redis.call('LPOP', KEYS[2])
  redis.call('DECR', KEYS[4])
end
if redis.call('LLEN', KEYS[2]) == 0 then
  redis.call('ZREM', KEYS[3], ARGV[2])
else
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
end
redis.call('DEL', KEYS[1])
return 1
`;
