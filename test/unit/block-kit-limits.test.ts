import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel, WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/chat/i18n.js';
import { translatorOf } from '../../src/chat/readers.js';
import { loadConfig } from '../../src/config.js';
import {
  blockKitViolations,
  LIMITS,
  messageViolations,
  viewAnswerViolations,
  viewViolations,
} from '../support/block-kit-limits.js';
import { startFakeSlack } from '../support/fake-slack.js';

const LONGEST_NUMBER = '202612-99999';
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (actionId: string, text = 'Go', value = 'v') => ({
  type: 'button',
  action_id: actionId,
  text: plain(text),
  value,
});

describe('modal titles', () => {
  it('fit Slack’s 24 characters in both languages, with the longest case number', () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const t = translatorOf(locale as keyof typeof catalogs);
      const keys = Object.keys(catalog).filter((key) =>
        /^modal\.\w+\.title$/.test(key),
      ) as (keyof typeof catalog)[];
      expect(keys.length).toBeGreaterThan(8);
      for (const key of [...keys, 'modal.submit', 'modal.cancel'] as const) {
        const title = t(key, { number: LONGEST_NUMBER });
        expect([locale, key, title.length <= LIMITS.viewTitle]).toEqual([locale, key, true]);
      }
    }
  });
});

describe('Slack’s limits on Block Kit', () => {
  it('name the path and the limit of what a message breaks', () => {
    const fields = Array.from({ length: 11 }, (_, i) => mrkdwn(`field ${i}`));
    expect(
      messageViolations([
        { type: 'header', text: plain('h'.repeat(151)) },
        { type: 'section', text: mrkdwn('') },
        { type: 'section', fields },
        { type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) },
        {
          type: 'actions',
          block_id: 'a',
          elements: [button('x', 'b'.repeat(76)), button('x', 'ok', 'v'.repeat(2001))],
        },
        { type: 'actions', block_id: 'a', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) },
      ]),
    ).toEqual([
      'blocks[0].text.text: 151 characters, at most 150',
      'blocks[1].text.text: empty',
      'blocks[2].fields: 11 fields, at most 10',
      'blocks[3].elements: 11 elements, at most 10',
      'blocks[4].elements[0].text.text: 76 characters, at most 75',
      'blocks[4].elements[1].value: 2001 characters, at most 2000',
      'blocks[4].elements[1].action_id: "x" is used by another element of the block',
      'blocks[5].block_id: "a" is used by another block',
      'blocks[5].elements: 26 elements, at most 25',
    ]);
    expect(messageViolations(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual([
      'blocks: 51 blocks, at most 50',
    ]);
    expect(blockKitViolations('chat.postMessage', { text: 'x'.repeat(40_001) })).toEqual([
      'text: 40001 characters, at most 40000',
    ]);
  });

  it('name the path and the limit of what a view breaks', () => {
    const options = (n: number, text = 'o') =>
      Array.from({ length: n }, (_, i) => ({ text: plain(text), value: `v${i}` }));
    const input = (blockId: string, element: object, label = 'Label') => ({
      type: 'input',
      block_id: blockId,
      label: plain(label),
      element: { action_id: 'value', ...element },
    });
    expect(
      viewViolations({
        type: 'modal',
        title: plain('Customer contact, 202611-0007'),
        submit: plain('Submit'),
        private_metadata: 'm'.repeat(3001),
        blocks: [
          input('a', { type: 'static_select', options: options(101) }),
          input('b', { type: 'checkboxes', options: options(11) }),
          input('c', {
            type: 'static_select',
            options: [{ text: plain('t'.repeat(76)), value: 'v'.repeat(151) }],
          }),
          input('d', { type: 'plain_text_input', max_length: 3001, placeholder: plain('p'.repeat(151)) }, ''),
        ],
      }),
    ).toEqual([
      'view.title.text: 29 characters, at most 24',
      'view.private_metadata: 3001 characters, at most 3000',
      'view.blocks[0].element.options: 101 options, at most 100',
      'view.blocks[1].element.options: 11 options, at most 10',
      'view.blocks[2].element.options[0].text.text: 76 characters, at most 75',
      'view.blocks[2].element.options[0].value: 151 characters, at most 150',
      'view.blocks[3].label.text: empty',
      'view.blocks[3].element.placeholder.text: 151 characters, at most 150',
      'view.blocks[3].element.max_length: 3001, must be from 1 to 3000',
    ]);
    expect(
      viewViolations({ type: 'modal', title: plain('Form'), blocks: [input('a', { type: 'users_select' })] }),
    ).toEqual(['view.submit: missing, and the view has inputs']);
  });

  it('check the answer to a form: the view it turns into, and errors on the form’s own inputs', () => {
    const form = { blocks: [{ type: 'input', block_id: 'summary' }] };
    expect(
      viewAnswerViolations({ response_action: 'errors', errors: { summary: 'Too long', phone: '' } }, form),
    ).toEqual(['errors.phone: empty', 'errors.phone: no input block of the form has this id']);
    expect(
      viewAnswerViolations({
        response_action: 'update',
        view: { type: 'modal', title: plain('x'.repeat(25)), blocks: [] },
      }),
    ).toEqual(['view.title.text: 25 characters, at most 24']);
  });
});

describe('the fake Slack', () => {
  it('refuses what breaks a limit as Slack does, and keeps what was broken', async () => {
    const slack = await startFakeSlack();
    const quiet = () => {};
    const logger = { debug: quiet, info: quiet, warn: quiet, error: quiet, setLevel: quiet, setName: quiet };
    const client = new WebClient('xoxb-test', {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
      logger: { ...logger, getLevel: () => LogLevel.ERROR },
    });
    try {
      const fields = Array.from({ length: 11 }, (_, i) => ({ type: 'mrkdwn' as const, text: `f${i}` }));
      await expect(
        client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'section', fields }] }),
      ).rejects.toMatchObject({
        data: {
          ok: false,
          error: 'invalid_blocks',
          response_metadata: { messages: ['[ERROR] blocks[0].fields: 11 fields, at most 10'] },
        },
      });
      const view = {
        type: 'modal' as const,
        title: { type: 'plain_text' as const, text: 'x'.repeat(25) },
        blocks: [],
      };
      await expect(client.views.open({ trigger_id: 't', view })).rejects.toMatchObject({
        data: { error: 'invalid_arguments' },
      });
      expect(slack.calls).toEqual([]);
      expect(slack.refused.map((c) => c.method)).toEqual(['chat.postMessage', 'views.open']);
      expect(slack.violations).toEqual([
        { method: 'chat.postMessage', violations: ['blocks[0].fields: 11 fields, at most 10'] },
        { method: 'views.open', violations: ['view.title.text: 25 characters, at most 24'] },
      ]);
    } finally {
      await slack.close();
    }
  });
});

describe('the policy', () => {
  const env = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' };
  const load = (yaml: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'redress-')), 'policy.yaml');
    writeFileSync(file, yaml);
    return () => loadConfig({ ...env, POLICY_FILE: file });
  };
  const department = (id: string, name = id) => `  - { id: ${id}, name: "${name}", owner: U1, manager: U2 }`;

  it('is refused with more departments or categories than a Slack menu holds, or names too long for one', () => {
    const head = 'channel: C1\ngm: U3\ncsManager: U4\n';
    const many = Array.from({ length: 101 }, (_, i) => department(`d${i}`)).join('\n');
    expect(load(`${head}departments:\n${many}\n`)).toThrow('name at most 100 departments');
    expect(load(`${head}departments:\n${department('d', 'n'.repeat(76))}\n`)).toThrow('departments.0.name');
    expect(load(`${head}departments:\n${department('d')}\n${department('d')}\n`)).toThrow('an id of its own');
    const categories = Array.from({ length: 101 }, (_, i) => `c${i}`).join(', ');
    expect(load(`${head}departments:\n${department('d')}\ncategories: [${categories}]\n`)).toThrow(
      'name at most 100 categories',
    );
  });
});
