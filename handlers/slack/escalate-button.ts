import type { Context } from '@slack/bolt';
import { parseEscalateValue } from '../../src/chat/blocks.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import type { SlackDeps } from './deps.js';
import { type ButtonArgs, explainRefusal, pressedIn, replyTo } from './reply.js';

/** Escalate now (升级), for anyone on the case's ladder; it acts only at the level the button was shown at. */
export const escalateButton =
  ({ t, escalateCase }: SlackDeps) =>
  async ({ ack, body, action, client, context }: ButtonArgs & { context: Context }) => {
    await ack();
    const { number, level } = parseEscalateValue(action.value ?? '');
    const outcome = await escalateCase(number, body.user.id, pressedIn(body), level);
    // Slack's retry of a press that already acted: answered, and nothing to tell.
    if (context.retryNum && outcome.kind === 'refused' && outcome.reason === 'refusal.already_escalated')
      return;
    await explainRefusal(slackAnswers(client), t, replyTo(body), number, outcome);
  };
