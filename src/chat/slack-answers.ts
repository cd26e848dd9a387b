import type { WebClient } from '@slack/web-api';
import type { Answers } from '../app/ports.js';

/** Answers as Slack's ephemeral messages: in the channel the person asked in, else in their conversation with the app. */
export const slackAnswers = (client: WebClient): Answers => ({
  async tell(person, where, text) {
    await client.chat.postEphemeral({ channel: where ?? person, user: person, text });
  },
});
