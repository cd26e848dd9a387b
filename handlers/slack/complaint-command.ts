import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { complaintModal } from '../../src/chat/blocks.js';
import { isLookup, parseCommand } from '../../src/chat/commands.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import type { SlackDeps } from './deps.js';
import { exportRegister } from './export-register.js';
import { listCases, showCase } from './look-up.js';

/**
 * `/complaint [summary]` opens the registration form, with the summary filled in; `/complaint show <number>`,
 * `/complaint list` and `/complaint find <phone or words>` look cases up, answering only the asker;
 * `/complaint export [YYYY-MM]` sends a manager the month's register.
 */
export const complaintCommand =
  (deps: SlackDeps) =>
  async ({ ack, body, client }: SlackCommandMiddlewareArgs & { client: WebClient }) => {
    await ack();
    const command = parseCommand(body.text);
    const asker = { user: body.user_id, channel: body.channel_id };
    if (isLookup(command) && !(await deps.lookups.take(asker.user))) {
      await slackAnswers(client).tell(asker.user, asker.channel, deps.t('refusal.too_many_lookups'));
      return;
    }
    switch (command.kind) {
      case 'show':
        return showCase(deps, client, asker, command.number);
      case 'list':
        return listCases(deps, client, asker, { kind: 'list', text: '', page: command.page });
      case 'find':
        return listCases(deps, client, asker, { kind: 'find', text: command.text, page: 0 });
      case 'export':
        // A retry of the same command (same trigger) would upload the register twice.
        if (!(await deps.requests.firstTime(`export.${body.trigger_id}`))) return;
        return exportRegister(deps, client, asker, command.argument || undefined);
      case 'help':
        await slackAnswers(client).tell(asker.user, asker.channel, deps.t('usage'));
        return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: complaintModal(deps.t, deps.policy, command.text),
    });
  };
