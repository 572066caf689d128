-- Claims users whose grace period has passed and marks them offline, unless a socket came back.
-- Atomic: of all replicas that sweep at the same time, exactly one makes each transition.
-- KEYS: users, pending (user -> offline deadline), online (set of online users)
-- ARGV: channel, maximum number of users to claim
-- Returns per claimed user: outcome ('offline' or 'ignored'), the new entry as JSON (or '').
local users, pending, online = KEYS[1], KEYS[2], KEYS[3]
local channel, limit = ARGV[1], tonumber(ARGV[2])
local now = now_ms()
local results = {}
for _, user_id in ipairs(redis.call('ZRANGEBYSCORE', pending, '-inf', now, 'LIMIT', 0, limit)) do
  redis.call('ZREM', pending, user_id)
  local conn = 'presence:conn:{' .. user_id .. '}'
  local result = {'ignored'}
  if redis.call('ZCARD', conn) == 0 and is_online(users, user_id) then
    -- Last seen when the most recent socket closed; without that record (state lost), now.
    local last = redis.call('ZREVRANGE', 'presence:closed:{' .. user_id .. '}', 0, 0, 'WITHSCORES')
    local last_seen = now
    if last[2] then last_seen = tonumber(last[2]) end
    result = transition(users, online, channel, 'offline', user_id, 'offline', last_seen)
  end
  results[#results + 1] = result[1]
  results[#results + 1] = result[2] or ''
end
return results
