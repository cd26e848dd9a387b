import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { SUMMARY_MAX } from '../../src/domain/complaint.js';
import type { SlackDeps } from './deps.js';
import { fieldErrors, inputValue } from './form.js';
import { explainRefusal } from './reply.js';

const form = z.object({
  resolution: z
    .string('error.required')
    .trim()
    .min(1, 'error.required')
    .max(SUMMARY_MAX, 'error.summary_too_long'),
});
const metadata = z.object({
  number: z.string(),
  pressedIn: z.object({ channel: z.string(), ts: z.string() }).optional(),
});

/** The resolve form was submitted: records what was done, and stops every timer of the case. */
export const resolveSubmit =
  ({ t, resolveCase }: SlackDeps) =>
  async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & { client: WebClient }) => {
    const parsed = form.safeParse({ resolution: inputValue(view.state.values, 'resolution') });
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(parsed.error, t) });
      return;
    }
    await ack();
    const { number, pressedIn } = metadata.parse(JSON.parse(view.private_metadata));
    const outcome = await resolveCase(number, body.user.id, parsed.data.resolution, pressedIn);
    const where = { channel: pressedIn?.channel ?? body.user.id, user: body.user.id };
    await explainRefusal(client, t, where, number, outcome);
  };
