-- Moves every case gathered for one person into their outbox as one digest message, atomically.
-- KEYS[1] the gathered case numbers, KEYS[2] the person's outbox; ARGV[1] the person
local numbers = redis.call('LRANGE', KEYS[1], 0, -1)
if #numbers == 0 then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('RPUSH', KEYS[2], cjson.encode({ kind = 'digest', to = ARGV[1], numbers = numbers }))
return #numbers
