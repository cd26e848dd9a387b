import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { monthKey } from '../../src/domain/case-number.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

/** The file's bytes, whether the client sent them raw or as a multipart form. */
function fileBytes(upload: { body: Buffer; contentType: string }): Buffer {
  const boundary = /boundary=(.+)$/.exec(upload.contentType)?.[1];
  if (!boundary) return upload.body;
  const text = upload.body.toString('latin1');
  const part = text.split(`--${boundary}`).find((p) => p.includes('filename='));
  return Buffer.from(part?.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, '') ?? '', 'latin1');
}

/** A sheet's rows as the reader's spreadsheet shows them: each cell's value, empty cells as ''. */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) cells.push(row.getCell(i).value ?? '');
    rows.push(cells);
  });
  return rows;
}

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});

describe('/complaint export YYYY-MM xlsx', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('sends the register as a workbook, people by name, with the month’s assessment by responsible department and owner', async () => {
    h = await startHarness();
    h.slack.name(people.owner, '周杰');
    h.slack.name(people.receiver, '林晓');
    h.slack.name(people.manager, '赵磊');
    const first = await h.register({
      ...validComplaint,
      customerName: '=HYPERLINK("https://evil.example","Refund")',
      demand: '+1 refund',
      evidence: [{ id: 'F0PHOTO1', name: 'soup.jpg' }],
    });
    const second = await h.register({
      ...validComplaint,
      customerName: '李先生',
      customerPhone: '13900001111',
    });
    // The first is resolved, its customer rejects the resolution; its root cause is the delivery department's.
    await h.fill(first, ids.resolve, ids.resolveView, { resolution: text('Refunded.') });
    await h.fill(first, ids.rootCause, ids.rootCauseView, {
      cause: text('Lid not checked'),
      corrective: text('Lid check'),
      preventive: text('Packing list'),
      department: select('delivery'),
      person: { value: { type: 'users_select', selected_user: people.owner } },
    });
    await h.press(people.manager, ids.verifyFix, first);
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Fix verified by'),
    );
    await h.fill(first, ids.verdict, ids.verdictView, {
      verdict: select('rejected'),
      satisfaction: select('2'),
      comment: text(''),
    });
    await h.slack.waitFor(
      (call) => call.args.channel === people.gm && /Major complaint/.test(String(call.args.text)),
    );

    const month = monthKey(new Date(), 'Asia/Shanghai');
    await h.post(slashCommand(people.gm, `export ${month.slice(0, 4)}-${month.slice(4)} xlsx`));
    const [complete] = await h.slack.waitFor((c) => c.method === 'files.completeUploadExternal');
    expect(JSON.stringify(complete?.args)).toContain(`D${people.gm.slice(1)}`);
    const [named] = h.slack.callsTo('files.getUploadURLExternal');
    expect(named?.args.filename).toBe(`complaints-${month}.xlsx`);
    const [upload] = h.slack.uploads;
    if (!upload) throw new Error('nothing uploaded');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fileBytes(upload) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Register', 'Assessment']);
    const [header, ...rows] = rowsOf(book.getWorksheet('Register'));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const cell = (row: unknown[] | undefined, name: string) => row?.[column(name)];
    // The first three numbered cases: the two registered, and the major case that follows the rejection.
    expect(rows.map((r) => r[0])).toEqual([
      first.number,
      second.number,
      expect.stringMatching(/^\d{6}-0003$/),
    ]);
    const [one, two] = rows;
    // What starts like a formula is text, as in the CSV; nothing is a formula.
    expect(cell(one, 'Customer')).toBe('\'=HYPERLINK("https://evil.example","Refund")');
    expect(cell(one, 'The customer asks for')).toBe("'+1 refund");
    expect(cell(one, 'Evidence')).toBe('soup.jpg https://fake.slack.com/files/U0RECEIVER/F0PHOTO1/soup.jpg');
    expect(cell(one, 'Owner')).toBe('周杰');
    expect(cell(one, 'Receiver')).toBe('林晓');
    expect(cell(one, 'Customer verdict')).toBe('rejects the resolution');
    expect(cell(one, 'Satisfaction (1–5)')).toBe(2);
    expect(cell(one, 'Root cause')).toBe('Lid not checked');
    expect(cell(one, 'Responsible department')).toBe('Delivery');
    expect(cell(one, 'Responsible')).toBe('周杰');
    expect(String(cell(one, 'Fix verified'))).toMatch(/^赵磊 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cell(two, 'Customer')).toBe('李先生');
    expect(cell(two, 'Phone')).toBe('13900001111');
    const formulas: unknown[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) formulas.push(c.address);
        }),
      ),
    );
    expect(formulas).toEqual([]);

    // Three cases of the delivery department, all the owner's; one missed nothing yet, one rejected.
    expect(rowsOf(book.getWorksheet('Assessment'))).toEqual([
      [
        'By',
        'Name',
        'Cases',
        'Deadlines missed',
        'Average satisfaction',
        'Reopened',
        'Rejected by the customer',
      ],
      ['Responsible department', 'Delivery', 3, 0, 2, 0, 1],
      ['Owner', '周杰', 3, 0, 2, 0, 1],
    ]);
    // Each person's name was asked of Slack once.
    const asked = h.slack
      .callsTo('users.info')
      .filter((c) => c.args.include_locale === undefined)
      .map((c) => c.args.user);
    expect(asked.filter((u) => u === people.owner)).toHaveLength(1);
    // And kept: another export asks Slack no name again.
    await h.post(slashCommand(people.gm, 'export'));
    await h.slack.waitFor((c) => c.method === 'files.completeUploadExternal', 2);
    expect(h.slack.callsTo('users.info').filter((c) => c.args.include_locale === undefined)).toHaveLength(
      asked.length,
    );
  });

  it('refuses an export it does not understand, saying how to ask', async () => {
    h = await startHarness();
    await h.post(slashCommand(people.manager, 'export 2026-11 pdf'));
    const [refusal] = await h.slack.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(String(refusal?.args.text)).toContain('/complaint export 2026-11 xlsx');
    expect(h.slack.uploads).toEqual([]);
  });
});
