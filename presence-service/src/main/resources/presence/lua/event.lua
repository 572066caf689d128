-- Applies one connection event of one socket.
-- KEYS: users, conn (open sockets: id -> last event time), closed (closed sockets: id -> close
--       time), liveness (all open sockets: "user|socket" -> heartbeat deadline), pending (users ->
--       offline deadline), online (set of online users)
-- ARGV: type, userId, connectionId, eventMs, graceMs, deadMs, retentionMs, channel
-- Returns {outcome} or {outcome, userJson} when the user went online.
local users, conn, closed, liveness, pending, online = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local kind, user_id, conn_id = ARGV[1], ARGV[2], ARGV[3]
local ts, grace, dead, retention = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local channel = ARGV[8]
local now = now_ms()
local member = user_id .. '|' .. conn_id

-- Event times of one socket come from one messaging replica's clock, so they order its events:
-- anything not newer than what is known of the socket is a duplicate or arrived late.
local closed_at = redis.call('ZSCORE', closed, conn_id)
if closed_at and ts <= tonumber(closed_at) then return {'stale'} end
local open_at = redis.call('ZSCORE', conn, conn_id)

if kind == 'disconnected' then
  if open_at and ts < tonumber(open_at) then return {'stale'} end
  redis.call('ZREM', conn, conn_id)
  redis.call('ZREM', liveness, member)
  redis.call('ZADD', closed, ts, conn_id)
  redis.call('ZREMRANGEBYSCORE', closed, '-inf', '(' .. (now - retention))
  redis.call('PEXPIRE', closed, retention)
  if redis.call('ZCARD', conn) > 0 then return {'closed'} end
  if is_online(users, user_id) then
    redis.call('ZADD', pending, now + grace, user_id)
    return {'pending'}
  end
  if redis.call('HEXISTS', users, user_id) == 0 then
    redis.call('HSET', users, user_id, user_json(user_id, 'offline', ts))
  end
  return {'closed'}
end

if open_at and ts <= tonumber(open_at) then return {'duplicate'} end
if closed_at then redis.call('ZREM', closed, conn_id) end
redis.call('ZADD', conn, ts, conn_id)
redis.call('ZADD', liveness, now + dead, member)
redis.call('ZREM', pending, user_id)
if is_online(users, user_id) then return {'alive'} end
return transition(users, online, channel, 'online', user_id, 'online', ts)
