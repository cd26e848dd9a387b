import { z } from 'zod';
import type { ChatIds } from '../config.js';

const USER_ID = /^[UW][A-Z0-9]+$/;

/** Whether a person's id is a Slack user id (U… or W…), which Slack shows as a mention. */
export const isSlackUserId = (id: string) => USER_ID.test(id);

/** A Slack user id, as the policy and the forms name people on Slack. */
export const slackUserId = z.string().regex(USER_ID, 'must be a Slack user id like U0123ABCD');

/** How Slack names people and the complaints channel in the policy. */
export const slackIds: ChatIds = {
  person: slackUserId,
  channel: z.string().regex(/^[CG][A-Z0-9]+$/, 'must be a Slack channel id like C0123ABCD'),
};
