-- Claims one user whose grace period has passed and marks them offline, unless a socket came
-- back. Atomic: of all replicas that see the same deadline, exactly one makes the transition.
-- KEYS: users, conn, closed, pending, online
-- ARGV: userId, channel
local users, conn, closed, pending, online = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local user_id, channel = ARGV[1], ARGV[2]
local now = now_ms()
local deadline = redis.call('ZSCORE', pending, user_id)
if not deadline or tonumber(deadline) > now then return {'ignored'} end
redis.call('ZREM', pending, user_id)
if redis.call('ZCARD', conn) > 0 or not is_online(users, user_id) then return {'ignored'} end
-- Last seen when the most recent socket closed; without that record (state lost), now.
local last = redis.call('ZREVRANGE', closed, 0, 0, 'WITHSCORES')
local last_seen = now
if last[2] then last_seen = tonumber(last[2]) end
return transition(users, online, channel, 'offline', user_id, 'offline', last_seen)
