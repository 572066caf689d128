-- Closes one socket whose heartbeat deadline has passed (its messaging replica is gone); the user
-- goes offline at once if it was their last socket (the timeout already exceeds any grace).
-- KEYS: users, conn, closed, liveness, pending, online
-- ARGV: userId, connectionId, retentionMs, channel
local users, conn, closed, liveness, pending, online = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local user_id, conn_id, retention, channel = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local member = user_id .. '|' .. conn_id
local deadline = redis.call('ZSCORE', liveness, member)
-- Re-checked here: another replica may have claimed it, or a heartbeat renewed it.
if not deadline or tonumber(deadline) > now_ms() then return {'ignored'} end
redis.call('ZREM', liveness, member)
local open_at = redis.call('ZSCORE', conn, conn_id)
if not open_at then return {'ignored'} end
open_at = tonumber(open_at)
redis.call('ZREM', conn, conn_id)
-- Closed as of its last sign of life: a later heartbeat (a replica that was only cut off)
-- reopens it, an older one cannot.
redis.call('ZADD', closed, open_at, conn_id)
redis.call('PEXPIRE', closed, retention)
if redis.call('ZCARD', conn) > 0 then return {'expired'} end
redis.call('ZREM', pending, user_id)
if not is_online(users, user_id) then return {'expired'} end
return transition(users, online, channel, 'offline', user_id, 'offline', open_at)
