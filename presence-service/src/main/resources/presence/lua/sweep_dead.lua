-- Closes sockets whose heartbeat deadline has passed (their messaging replica is gone); a user
-- goes offline at once if it was their last socket (the timeout already exceeds any grace).
-- KEYS: users, liveness ("user|socket" -> heartbeat deadline), pending, online
-- ARGV: channel, maximum number of sockets, retentionMs
-- Returns per socket: outcome ('expired' or 'offline'), the user's new entry as JSON (or '').
local users, liveness, pending, online = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local channel, limit, retention = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = now_ms()
local results = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', liveness, '-inf', now, 'LIMIT', 0, limit)) do
  redis.call('ZREM', liveness, member)
  local bar = string.find(member, '|', 1, true)
  local result = {'ignored'}
  if bar then
    local user_id, conn_id = string.sub(member, 1, bar - 1), string.sub(member, bar + 1)
    local conn = 'presence:conn:{' .. user_id .. '}'
    local closed = 'presence:closed:{' .. user_id .. '}'
    local open_at = redis.call('ZSCORE', conn, conn_id)
    if open_at then
      open_at = tonumber(open_at)
      redis.call('ZREM', conn, conn_id)
      -- Closed as of its last sign of life: a later heartbeat (a replica that was only cut off)
      -- reopens it, an older one cannot.
      redis.call('ZADD', closed, open_at, conn_id)
      redis.call('PEXPIRE', closed, retention)
      result = {'expired'}
      if redis.call('ZCARD', conn) == 0 then
        redis.call('ZREM', pending, user_id)
        if is_online(users, user_id) then
          result = transition(users, online, channel, 'offline', user_id, 'offline', open_at)
        end
      end
    end
  end
  results[#results + 1] = result[1]
  results[#results + 1] = result[2] or ''
end
return results
