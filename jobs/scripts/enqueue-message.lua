-- Appends an item to a list unless an item with the same key was appended lately; an empty key always appends.
-- KEYS[1] the list, KEYS[2] the set of keys appended; ARGV[1] key, ARGV[2] item, ARGV[3] keys TTL (s)
if ARGV[1] ~= '' then
  if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then
    return 0
  end
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
redis.call('RPUSH', KEYS[1], ARGV[2])
return 1
