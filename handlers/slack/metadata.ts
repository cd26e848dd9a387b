import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SlackMessage } from '../../src/chat/slack-message.js';

/** What a case form carries from the button that opened it: the case, and the message the button was in. */
const caseFormMetadata = z.object({
  number: z.string().min(1).max(40),
  pressedIn: z.object({ channel: z.string().max(40), ts: z.string().max(40) }).optional(),
  /** Signs the message the button was in: a submission names only a message its form was opened from. */
  seal: z.string().optional(),
});

export interface CaseFormMetadata {
  number: string;
  pressedIn?: SlackMessage;
}

/** A key of its own for sealing form metadata, derived from the app's secret. */
export const formKeyOf = (secret: string) =>
  createHmac('sha256', secret).update('redress form metadata').digest();

const sealOf = (key: Buffer, number: string, at: SlackMessage) =>
  createHmac('sha256', key).update(`${number}\n${at.channel}\n${at.ts}`).digest('base64url');

/** The metadata of a case form, the message its button was in sealed with the key. */
export function sealMetadata(key: Buffer, number: string, pressedIn?: SlackMessage): string {
  return JSON.stringify(pressedIn ? { number, pressedIn, seal: sealOf(key, number, pressedIn) } : { number });
}

/**
 * What a submitted case form's metadata says; null when it cannot be read. A message it names without a valid
 * seal (written by hand, or forged to make Redress rewrite another case's card) is dropped.
 */
export function openMetadata(key: Buffer, text: string): CaseFormMetadata | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = caseFormMetadata.safeParse(json);
  if (!parsed.success) return null;
  const { number, pressedIn, seal } = parsed.data;
  if (!pressedIn || !seal) return { number };
  const expected = Buffer.from(sealOf(key, number, pressedIn));
  const given = Buffer.from(seal);
  const valid = given.length === expected.length && timingSafeEqual(given, expected);
  return valid ? { number, pressedIn } : { number };
}
