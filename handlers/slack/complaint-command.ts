import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { complaintModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';

/** `/complaint [summary]`: opens the registration form, with the summary filled in when one was typed. */
export const complaintCommand =
  ({ t, policy }: SlackDeps) =>
  async ({ ack, body, client }: SlackCommandMiddlewareArgs & { client: WebClient }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: complaintModal(t, policy, body.text.trim()),
    });
  };
