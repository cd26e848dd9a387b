import { pino } from 'pino';

export type Log = pino.Logger;

/** The one logger; JSON lines on stdout. */
export function createLog(level: string): Log {
  return pino({ name: 'redress', level });
}
