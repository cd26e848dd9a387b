import { z } from 'zod';
import type { MessageRef } from '../app/ports.js';

/** A Slack message: the conversation it is in and its timestamp. */
export interface SlackMessage {
  channel: string;
  ts: string;
}

const slackMessage = z.object({ channel: z.string(), ts: z.string() });

/** A Slack message as the reference the rest of Redress passes around without looking inside. */
export const refOf = ({ channel, ts }: SlackMessage): MessageRef =>
  JSON.stringify({ channel, ts }) as MessageRef;

/** The Slack message a reference names; a reference Slack's adapter did not make is a bug, thrown. */
export function messageOf(ref: MessageRef): SlackMessage {
  return slackMessage.parse(JSON.parse(ref));
}
