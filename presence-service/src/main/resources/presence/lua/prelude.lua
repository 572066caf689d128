-- Helpers prepended to every presence script (Redis has no include).
-- Times are epoch milliseconds. "now" is always the Redis server's clock, so that every presence
-- replica measures grace periods and heartbeat timeouts against the same clock.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- ISO-8601 UTC with milliseconds, as java.time.Instant reads it (days to civil date after
-- H. Hinnant, "chrono-compatible low-level date algorithms"). Redis' Lua has no os.date.
local function iso(ms)
  local secs = math.floor(ms / 1000)
  local millis = ms - secs * 1000
  local days = math.floor(secs / 86400)
  local rem = secs - days * 86400
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
    - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local day = doy - math.floor((153 * mp + 2) / 5) + 1
  local month = mp < 10 and mp + 3 or mp - 9
  local year = yoe + era * 400
  if month <= 2 then year = year + 1 end
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', year, month, day,
    math.floor(rem / 3600), math.floor((rem % 3600) / 60), rem % 60, millis)
end

local function user_json(user_id, status, ms)
  return '{"userId":' .. cjson.encode(user_id) .. ',"status":"' .. status
    .. '","lastSeen":"' .. iso(ms) .. '"}'
end

local function is_online(users, user_id)
  local raw = redis.call('HGET', users, user_id)
  if not raw then return false end
  local ok, user = pcall(cjson.decode, raw)
  return ok and type(user) == 'table' and user.status == 'online'
end

-- Writes the new registry entry and announces it on the presence channel, in the same atomic
-- script that decided the transition: whichever replica runs it, it is published exactly once.
local function transition(users, online, channel, outcome, user_id, status, ms)
  local json = user_json(user_id, status, ms)
  redis.call('HSET', users, user_id, json)
  if status == 'online' then
    redis.call('SADD', online, user_id)
  else
    redis.call('SREM', online, user_id)
  end
  redis.call('PUBLISH', channel, '{"user":' .. json .. '}')
  return {outcome, json}
end

