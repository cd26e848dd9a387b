import { ErrorCode, type WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { slackChat } from '../../src/chat/slack-chat.js';
import { aCase } from '../support/cases.js';
import { people, testPolicy } from '../support/harness.js';

/** A client whose chat.postMessage fails as the Web API client fails, or answers as Slack does. */
function failingWith(error: unknown) {
  const client = {
    chat: {
      postMessage: async () => {
        if (error) throw error;
        return { ok: true, channel: 'C0CASES', ts: '1.000001' };
      },
    },
  } as unknown as WebClient;
  return slackChat(client, testPolicy());
}

const rateLimited = Object.assign(new Error('A rate limit was exceeded'), {
  code: ErrorCode.RateLimitedError,
  retryAfter: 3,
});
const platformError = Object.assign(new Error('An API error occurred: channel_not_found'), {
  code: ErrorCode.PlatformError,
  data: { ok: false, error: 'channel_not_found' },
});

describe('the Slack transport answers in the chat port’s words', () => {
  it('sent, with where the card is', async () => {
    expect(await failingWith(null).postCard(aCase())).toMatchObject({ kind: 'sent' });
    expect(await failingWith(null).notify(people.owner, { kind: 'assigned' }, aCase())).toEqual({
      kind: 'sent',
    });
  });

  it('a 429 is a retry after as long as Retry-After says', async () => {
    expect(await failingWith(rateLimited).notify(people.owner, { kind: 'assigned' }, aCase())).toEqual({
      kind: 'retryAfter',
      ms: 3000,
    });
    expect(await failingWith(rateLimited).postCard(aCase())).toEqual({ kind: 'retryAfter', ms: 3000 });
  });

  it('a platform error refuses the message with Slack’s code', async () => {
    expect(await failingWith(platformError).notify(people.owner, { kind: 'assigned' }, aCase())).toEqual({
      kind: 'refused',
      reason: 'channel_not_found',
    });
    expect(await failingWith(platformError).postCard(aCase())).toEqual({
      kind: 'refused',
      reason: 'channel_not_found',
    });
  });

  it('any other fault is thrown, to be tried again', async () => {
    const timeout = Object.assign(new Error('socket hang up'), { code: ErrorCode.RequestError });
    await expect(failingWith(timeout).notify(people.owner, { kind: 'assigned' }, aCase())).rejects.toThrow(
      'socket hang up',
    );
  });
});
