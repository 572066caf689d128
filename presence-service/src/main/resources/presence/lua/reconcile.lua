-- Repairs registry entries after state was lost (e.g. Redis restarted without its presence keys):
-- an online user without any known socket nor pending deadline gets one dead-connection timeout
-- for a heartbeat to show up, then goes offline. Also puts online users back in the online set.
-- KEYS: users, pending, online
-- ARGV: deadMs, then the ids of users the registry shows online
-- Returns the number of users scheduled to go offline.
local users, pending, online = KEYS[1], KEYS[2], KEYS[3]
local dead = tonumber(ARGV[1])
local now = now_ms()
local scheduled = 0
for i = 2, #ARGV do
  local user_id = ARGV[i]
  if is_online(users, user_id) then
    redis.call('SADD', online, user_id)
    if redis.call('ZCARD', 'presence:conn:{' .. user_id .. '}') == 0
        and not redis.call('ZSCORE', pending, user_id) then
      redis.call('ZADD', pending, now + dead, user_id)
      scheduled = scheduled + 1
    end
  end
end
return {tostring(scheduled)}
