import type { WebClient } from '@slack/web-api';
import type { Chat, MessageRef, Notice } from '../app/ports.js';
import type { Case } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import { caseBlocks, slackDate } from './blocks.js';
import { translator } from './i18n.js';

/** The chat port on Slack's Web API. */
export function slackChat(client: WebClient, policy: Policy): Chat {
  const t = translator(policy.locale);
  const title = (c: Case) => t('card.title', { number: c.number });

  function noticeText(notice: Notice, c: Case): string {
    const number = c.number;
    if (notice.kind === 'warned' || notice.kind === 'nudged') {
      const deadline = t(`deadline.${notice.deadline.kind}`);
      return t(`notice.${notice.kind}`, {
        number,
        deadline,
        due: slackDate(notice.deadline.dueAt, policy.timezone),
      });
    }
    return t(`notice.${notice.kind}`, { number });
  }

  return {
    async postCard(c) {
      const posted = await client.chat.postMessage({
        channel: policy.channel,
        text: title(c),
        blocks: caseBlocks(t, c, policy, 'public'),
      });
      if (!posted.channel || !posted.ts) throw new Error('chat.postMessage answered without channel and ts');
      return { channel: posted.channel, ts: posted.ts };
    },

    async refresh(c, pressedIn?: MessageRef) {
      if (c.card) {
        await client.chat.update({ ...c.card, text: title(c), blocks: caseBlocks(t, c, policy, 'public') });
      }
      if (pressedIn && pressedIn.ts !== c.card?.ts) {
        const blocks = caseBlocks(t, c, policy, 'owner-or-manager');
        await client.chat.update({ ...pressedIn, text: title(c), blocks });
      }
    },

    async notify(to, notice, c) {
      const text = noticeText(notice, c);
      await client.chat.postMessage({
        channel: to,
        text,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text } },
          ...caseBlocks(t, c, policy, 'owner-or-manager'),
        ],
      });
    },
  };
}
