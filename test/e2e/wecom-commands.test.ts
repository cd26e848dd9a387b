import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import type { WecomConfig } from '../../src/config.js';
import { REDIS_URL } from '../support/harness.js';
import { settled, until } from '../support/settle.js';
import { CHAT, PUBLIC_URL, people, startWecom, type WecomHarness } from '../support/wecom-harness.js';

/** Redress on WeCom with deadlines no test here reaches. */
const start = (env: Partial<WecomConfig['env']> = {}) =>
  startWecom({ deadlines: { acknowledge: 3_600_000 }, env });

/** The n-th private message a member received, once it came. */
const nth = (h: WecomHarness, user: string, n: number) =>
  until(() => h.to(user)[n], `message ${n + 1} to ${user}`);

describe('commands to Redress on WeCom', () => {
  let h: WecomHarness;
  afterEach(async () => {
    await h.close();
    // A refusal WeCom would make of a call (a bad message or card, an upload over its limits) fails the test.
    expect(h.wecom.refused).toEqual([]);
    const answers = h.wecom.callsTo('message/send').filter((c) => c.body?.msgtype !== 'template_card');
    const answered = [...h.wecom.received, ...h.wecom.dropped].filter(
      (m) => m.msgtype !== 'template_card' && m.to !== CHAT,
    );
    expect(answered).toHaveLength(answers.length);
    expect(h.wecom.dropped).toEqual([]);
  });

  it('shows a case to its owner in full, and tells a stranger there is no such case', async () => {
    h = await start();
    const number = await h.register();

    await h.say(people.stranger, `show ${number}`);
    expect(await nth(h, people.stranger, 0)).toMatchObject({
      msgtype: 'text',
      content: `There is no case ${number}.`,
    });

    await h.say(people.owner, `查看 ${number}`);
    const shown = await nth(h, people.owner, 0);
    expect(shown.msgtype).toBe('markdown');
    expect(shown.content).toContain(`# Complaint ${number}`);
    expect(shown.content).toContain('汤送到时是冷的');
    expect(shown.content).toContain('**Phone**: 13812345678');
    expect(shown.content).toContain('**Owner**: 李四');
    expect(shown.content).toContain(`[More actions](${PUBLIC_URL}/wecom/forms/case?case=${number})`);
    expect(Buffer.byteLength(String(shown.content))).toBeLessThanOrEqual(2048);

    // The receiver is on the case, not on its ladder: the phone masked.
    await h.say(people.receiver, `show ${number}`);
    const masked = await nth(h, people.receiver, 0);
    expect(masked.content).toContain('**Phone**: 138＊＊＊＊5678');
    expect(masked.content).not.toContain('13812345678');
  });

  it('finds for someone not on a case only by the whole number, never a case about them, and counts lookups', async () => {
    h = await start({ LOOKUPS_PER_MINUTE: 4 });
    const number = await h.register();
    const about = await h.register({ respondent: people.stranger, customerPhone: '139 0000 1111' });

    await h.say(people.stranger, 'find 5678');
    expect((await nth(h, people.stranger, 0)).content).toBe(
      '**Complaints matching “5678”**\nNo complaints found.',
    );

    await h.say(people.stranger, '查找 138 1234 5678');
    const found = String((await nth(h, people.stranger, 1)).content);
    expect(found).toContain(`[${number}](${PUBLIC_URL}/wecom/forms/case?case=${number})`);
    expect(found).toContain('138＊＊＊＊5678');
    expect(found).not.toContain('13812345678');

    // The person complained about finds the case about them by no number, and cannot see it.
    await h.say(people.stranger, 'find 13900001111');
    expect((await nth(h, people.stranger, 2)).content).toContain('No complaints found.');
    await h.say(people.stranger, `show ${about}`);
    expect((await nth(h, people.stranger, 3)).content).toBe(`There is no case ${about}.`);

    // Four lookups a minute: the fifth is refused.
    await h.say(people.stranger, `show ${number}`);
    expect(await nth(h, people.stranger, 4)).toMatchObject({
      msgtype: 'text',
      content: 'You have looked up many cases in the last minute. Please wait a minute and try again.',
    });
  });

  it('lists a member’s open cases from the app menu, and answers anything else with what it understands', async () => {
    h = await start();
    const number = await h.register();
    const click = h.wecom.callback(h.wecom.menuClick(people.owner, 'list').xml);
    expect((await h.callback(click)).status).toBe(200);
    const list = String((await nth(h, people.owner, 0)).content);
    expect(list).toContain('**Open complaints you can act on**');
    expect(list).toContain(`[${number}](${PUBLIC_URL}/wecom/forms/case?case=${number})`);
    expect(list).toContain('13812345678');

    await h.say(people.owner, 'hello?');
    const usage = await nth(h, people.owner, 1);
    expect(usage.msgtype).toBe('markdown');
    expect(usage.content).toContain('`show 202611-0007`');
  });

  it('sends a manager the register as an xlsx file that opens as a workbook, and refuses anyone else', async () => {
    h = await start();
    const number = await h.register();

    await h.say(people.owner, 'export xlsx');
    expect(await nth(h, people.owner, 0)).toMatchObject({
      msgtype: 'text',
      content: 'Only managers and the general manager can export the register.',
    });

    await h.say(people.manager, '导出 xlsx');
    const file = await nth(h, people.manager, 0);
    expect(file.msgtype).toBe('file');
    expect(file.media).toMatchObject({
      type: 'file',
      filename: expect.stringMatching(/^complaints-\d{6}\.xlsx$/),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.media?.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Register', 'Assessment']);
    const register = book.getWorksheet('Register');
    expect(register?.getRow(2).getCell(1).value).toBe(number);
    // The manager is on the case's ladder: the phone in full.
    expect(JSON.stringify(register?.getRow(2).values)).toContain('13812345678');

    await h.say(people.manager, 'export 2026-13');
    expect((await nth(h, people.manager, 1)).content).toContain('Give the month as YYYY-MM');
  });

  it('answers a message WeCom posts again, or that is replayed, once', async () => {
    h = await start();
    const number = await h.register();
    const { request, xml } = await h.say(people.owner, `show ${number}`);
    await nth(h, people.owner, 0);
    // A replay of what WeCom posted, and WeCom's retry of the same message (same MsgId), signed anew.
    expect((await h.callback(request)).status).toBe(200);
    expect((await h.callback(h.wecom.callback(xml))).status).toBe(200);
    // Acted on in order: once the later message is answered, the replays were seen.
    await h.say(people.owner, 'help');
    await until(
      () => h.to(people.owner).some((m) => m.content?.includes('`list`')),
      'the later message answered',
    );
    const shows = h.to(people.owner).filter((m) => m.content?.includes(`# Complaint ${number}`));
    expect(shows).toHaveLength(1);
  });

  it('sends the GM the weekly report with its chart as an image', async () => {
    h = await start();
    await h.register();
    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.config.env.REDIS_PREFIX,
    });
    try {
      await queue.add('weekly-report', { at: Date.now() + 7 * 86_400_000 });
      const image = await until(
        () => h.to(people.gm).find((m) => m.msgtype === 'image'),
        'the chart',
        30_000,
      );
      expect(image.media).toMatchObject({ type: 'image', contentType: 'image/png' });
      expect(image.media?.filename).toMatch(/^complaints-weekly-\d{4}-\d\d-\d\d\.png$/);
      // A PNG, as its first bytes say.
      expect(image.media?.bytes.subarray(1, 4).toString()).toBe('PNG');
      const report = h.to(people.gm).find((m) => m.msgtype === 'markdown');
      expect(report?.content).toContain('Weekly complaint statistics');
      await settled(h.config);
      expect(h.to(people.gm).filter((m) => m.msgtype === 'image')).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });
});
