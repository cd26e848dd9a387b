import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { slackIds, slackUserId } from '../../src/chat/slack-ids.js';
import { type ChatIds, loadPolicy } from '../../src/config.js';
import { complaintSchema } from '../../src/domain/complaint.js';
import { testPolicy } from '../support/harness.js';

/** Ids as another platform names people (WeCom's userids) and its group chats. */
const otherIds: ChatIds = {
  person: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be a userid'),
  channel: z.string().min(1),
};

const policyFile = (yaml: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'redress-')), 'policy.yaml');
  writeFileSync(file, yaml);
  return file;
};

const complaint = {
  customerName: '王女士',
  customerPhone: '13812345678',
  summary: 'Cold soup',
  demand: 'A refund',
  category: 'delivery',
  class: 1,
  channel: 'phone',
  department: 'delivery',
  compensation: false,
};

describe('people are ids of the chat platform in use, which its adapter checks', () => {
  it('a policy names people as the platform does', () => {
    const file = policyFile(
      'channel: wrComplaints\ngm: LiZong\ncsManager: WangJingli\ndepartments: [{id: d, name: D, owner: ZhangSan, manager: LiSi}]\n',
    );
    expect(loadPolicy(file, otherIds)).toMatchObject({ gm: 'LiZong', approvalStandIn: 'WangJingli' });
    expect(() => loadPolicy(file, slackIds)).toThrow('gm: must be a Slack user id like U0123ABCD');
    expect(() => loadPolicy(file, slackIds)).toThrow('channel: must be a Slack channel id like C0123ABCD');
  });

  it('the person complained about is whoever the platform names; Slack’s form takes Slack user ids only', () => {
    const form = { ...complaint, respondent: 'ZhangSan' };
    expect(complaintSchema(testPolicy()).parse(form).respondent).toBe('ZhangSan');
    expect(complaintSchema(testPolicy(), slackUserId).safeParse(form).success).toBe(false);
    expect(
      complaintSchema(testPolicy(), slackUserId).parse({ ...form, respondent: 'U0COOK' }).respondent,
    ).toBe('U0COOK');
  });
});
