-- Raises a count kept in a hash field to a value; never lowers it.
-- KEYS[1] the hash; ARGV[1] the field; ARGV[2] the value
local now = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > now then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 1
end
return 0
