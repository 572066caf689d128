-- Repairs one registry entry after state was lost (e.g. Redis restarted without its presence
-- keys): an online user without any known socket nor pending deadline gets one dead-connection
-- timeout for a heartbeat to show up, then goes offline. Also keeps the online set true.
-- KEYS: users, conn, pending, online
-- ARGV: userId, deadMs
local users, conn, pending, online = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local user_id, dead = ARGV[1], tonumber(ARGV[2])
if not is_online(users, user_id) then
  redis.call('SREM', online, user_id)
  return {'offline'}
end
redis.call('SADD', online, user_id)
if redis.call('ZCARD', conn) > 0 or redis.call('ZSCORE', pending, user_id) then return {'online'} end
redis.call('ZADD', pending, now_ms() + dead, user_id)
return {'scheduled'}
