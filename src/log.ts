import { type Logger, LogLevel } from '@slack/bolt';
import { pino } from 'pino';

export type Log = pino.Logger;

/** The one logger; JSON lines on stdout. */
export function createLog(level: string): Log {
  return pino({ name: 'redress', level });
}

const boltLevels: Record<LogLevel, pino.Level> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt's logger interface on top of ours, so Bolt's lines land in the same place at the same level. */
export function boltLogger(log: Log): Logger {
  let child = log.child({ component: 'bolt' });
  return {
    debug: (...msg) => child.debug(msg.join(' ')),
    info: (...msg) => child.info(msg.join(' ')),
    warn: (...msg) => child.warn(msg.join(' ')),
    error: (...msg) => child.error(msg.join(' ')),
    setLevel: (level) => {
      child.level = boltLevels[level];
    },
    getLevel: () =>
      (Object.entries(boltLevels).find(([, l]) => l === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: (name) => {
      child = log.child({ component: name });
    },
  };
}
