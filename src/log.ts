import { type Logger, LogLevel } from '@slack/bolt';
import { pino } from 'pino';

export type Log = pino.Logger;

/** Fields that carry a customer's name or phone: a case's `customer`, a form's fields, a phone. */
const PERSONAL = ['customer', 'customerName', 'customerPhone', 'phone'];
/** The same fields down to four levels into a logged object (a job's data, a payload's view state). */
const REDACT = PERSONAL.flatMap((field) => ['', '*.', '*.*.', '*.*.*.'].map((depth) => `${depth}${field}`));

/** The one logger; JSON lines on stdout, never with a customer's name or phone. */
export function createLog(level: string, destination?: pino.DestinationStream): Log {
  const options = { name: 'redress', level, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/** Slack's clients log whole request and answer bodies at debug level: those carry cases, so only that they were. */
const scrub = (line: string) =>
  line.replace(/^(http request (?:body|result|headers)|\{).*$/s, (_all, what: string) =>
    what === '{' ? '[request body redacted]' : `${what}: [redacted]`,
  );

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
    debug: (...msg) => child.debug(scrub(msg.join(' '))),
    info: (...msg) => child.info(scrub(msg.join(' '))),
    warn: (...msg) => child.warn(scrub(msg.join(' '))),
    error: (...msg) => child.error(scrub(msg.join(' '))),
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
