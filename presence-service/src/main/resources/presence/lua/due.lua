-- Members of a deadline sorted set whose deadline (Redis clock) has passed.
-- KEYS: the sorted set; ARGV: the maximum count
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms(), 'LIMIT', 0, tonumber(ARGV[1]))
