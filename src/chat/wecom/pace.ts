import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** At most `count` messages in any `windowMs`. */
export interface PaceLimit {
  count: number;
  windowMs: number;
}

/**
 * What one app may send one member: 30 messages a minute and 1000 an hour. Over that WeCom drops messages
 * without an error, so the sender must hold them back itself.
 */
export const MEMBER_LIMITS: readonly PaceLimit[] = [
  { count: 30, windowMs: 60_000 },
  { count: 1000, windowMs: 3_600_000 },
];

/**
 * How long to wait before one more message may go, given when earlier ones went (ms, any order); 0 is now.
 * Windows slide: no window of that length, wherever it starts, holds more than its count.
 */
export function paceWait(
  sentAt: readonly number[],
  now: number,
  limits: readonly PaceLimit[] = MEMBER_LIMITS,
): number {
  let wait = 0;
  for (const { count, windowMs } of limits) {
    const inside = sentAt.filter((t) => t > now - windowMs).sort((a, b) => a - b);
    // The send that must leave the window for one more to fit.
    const leaving = inside[inside.length - count];
    if (leaving !== undefined) wait = Math.max(wait, leaving + windowMs - now);
  }
  return wait;
}

/**
 * The same rule in Redis, over a sorted set of send times per member, so every worker shares the count. Takes a
 * slot and returns 0, or returns the wait and takes nothing.
 * KEYS[1] the member's sends; ARGV[1] now (ms), ARGV[2] a unique id for this send, then count and window pairs.
 */
const PACE_SCRIPT = `
local now = tonumber(ARGV[1])
local longest = 0
for i = 3, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 3, #ARGV, 2 do
  local count, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local min = '(' .. (now - window)
  local inside = redis.call('ZCOUNT', KEYS[1], min, '+inf')
  if inside >= count then
    local leaving = redis.call('ZRANGEBYSCORE', KEYS[1], min, '+inf', 'WITHSCORES', 'LIMIT', inside - count, 1)
    wait = math.max(wait, tonumber(leaving[2]) + window - now)
  end
end
if wait == 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], longest)
end
return wait
`;

/** Pacing of messages per member, shared through Redis. */
export interface MemberPace {
  /** Counts one message to the member and returns 0, or returns how many ms to wait (counting nothing). */
  take(member: string, now?: number): Promise<number>;
}

export function redisMemberPace(
  redis: Redis,
  prefix: string,
  limits: readonly PaceLimit[] = MEMBER_LIMITS,
): MemberPace {
  return redisPace(redis, (member) => `${prefix}:wecom:pace:${member}`, limits);
}

/**
 * What one group robot (群机器人) may post: 20 messages a minute; over that WeCom refuses them (45009). The window
 * is a second longer, so that a message slower on the way than the one 20 before it still lands outside WeCom's.
 */
export const ROBOT_LIMITS: readonly PaceLimit[] = [{ count: 20, windowMs: 61_000 }];

/**
 * Pacing of a group robot's messages, shared through Redis; `take` is given the robot's webhook key, which is
 * a secret, so Redis keeps the count under a digest of it.
 */
export function redisRobotPace(
  redis: Redis,
  prefix: string,
  limits: readonly PaceLimit[] = ROBOT_LIMITS,
): MemberPace {
  const digest = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);
  return redisPace(redis, (key) => `${prefix}:wecom:robot-pace:${digest(key)}`, limits);
}

function redisPace(redis: Redis, keyOf: (who: string) => string, limits: readonly PaceLimit[]): MemberPace {
  const windows = limits.flatMap(({ count, windowMs }) => [count, windowMs]);
  return {
    async take(who, now = Date.now()) {
      return Number(await redis.eval(PACE_SCRIPT, 1, keyOf(who), now, `${now}:${randomUUID()}`, ...windows));
    },
  };
}
