-- Applies a batch of connection events, in order (one user's events keep their Kafka order).
-- One call per batch rather than per event: the round trip, not Redis, is the cost.
-- KEYS: users, liveness (all open sockets: "user|socket" -> heartbeat deadline), pending (user ->
--       offline deadline), online (set of online users)
-- ARGV: graceMs, deadMs, retentionMs, channel, reconnectWindowMs, then per event: type, userId,
--       connectionId, eventMs
-- Returns per event: outcome, and the user's new entry as JSON if they went online (else '').
-- Per-user keys are derived here: presence:conn:{user} (open sockets: id -> last event time) and
-- presence:closed:{user} (closed sockets: id -> close time). This needs a single Redis, not Cluster.
local users, liveness, pending, online = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local grace, dead, retention = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local channel, window = ARGV[4], tonumber(ARGV[5])
local now = now_ms()

local function apply(kind, user_id, conn_id, ts)
  local conn = 'presence:conn:{' .. user_id .. '}'
  local closed = 'presence:closed:{' .. user_id .. '}'
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
      -- The grace period runs from when the socket closed (its event time, never in the future),
      -- so consumer lag does not delay going offline; but a disconnect processed late still
      -- waits the reconnect window, for a reconnect that may be right behind it in the backlog.
      local deadline = math.max(math.min(ts, now) + grace, now + window)
      redis.call('ZADD', pending, deadline, user_id)
      return {'pending'}
    end
    redis.call('HSETNX', users, user_id, user_json(user_id, 'offline', ts))
    return {'closed'}
  end

  if open_at and ts <= tonumber(open_at) then return {'duplicate'} end
  -- A socket last heard of longer ago than the dead-connection timeout is dead unless a newer
  -- heartbeat says otherwise: an old connect or heartbeat (a replay) only registers the user.
  if ts < now - dead then
    redis.call('HSETNX', users, user_id, user_json(user_id, 'offline', ts))
    return {'too_old'}
  end
  if closed_at then redis.call('ZREM', closed, conn_id) end
  redis.call('ZADD', conn, ts, conn_id)
  redis.call('ZADD', liveness, now + dead, member)
  redis.call('ZREM', pending, user_id)
  if is_online(users, user_id) then return {'alive'} end
  return transition(users, online, channel, 'online', user_id, 'online', ts)
end

local results = {}
for i = 6, #ARGV, 4 do
  local result = apply(ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]))
  results[#results + 1] = result[1]
  results[#results + 1] = result[2] or ''
end
return results
