-- Appends a message to a case's outbox unless a message with the same key was ever appended.
-- KEYS[1] the outbox list, KEYS[2] the set of keys appended; ARGV[1] key, ARGV[2] message, ARGV[3] keys TTL (s)
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then
  return 0
end
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('RPUSH', KEYS[1], ARGV[2])
return 1
