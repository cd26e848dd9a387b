import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { translator } from '../../src/chat/i18n.js';
import { registerCsv } from '../../src/chat/register-csv.js';
import { fullCase } from '../support/full-case.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';
import { fileText } from '../support/uploads.js';

describe('the register export', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('makes a cell that starts like a formula plain text, so a spreadsheet never runs it', async () => {
    h = await startHarness();
    const c = await h.register({
      ...validComplaint,
      customerName: '=HYPERLINK("https://evil.example","Refund")',
      summary: "@SUM(1+1)*cmd|' /C calc'!A0",
      item: '+1+1',
    });
    const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
    await h.fill(c, ids.resolve, ids.resolveView, {
      action: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'explanation' },
        },
      },
      amount: { value: { type: 'number_input', value: null } },
      resolution: text('-2+3'),
    });
    await h.slack.waitFor((call) => call.method === 'chat.update' && /-2\+3/.test(JSON.stringify(call.args)));
    await h.post(slashCommand(people.manager, 'export'));
    await h.slack.waitFor((call) => call.method === 'files.completeUploadExternal');
    const [upload] = h.slack.uploads;
    if (!upload) throw new Error('nothing uploaded');
    const row = fileText(upload).trimEnd().split('\r\n')[1] ?? '';
    expect(row).toContain(`,"'=HYPERLINK(""https://evil.example"",""Refund"")",`);
    expect(row).toContain(`,'@SUM(1+1)*cmd|' /C calc'!A0,'+1+1,`);
    expect(row).toContain(`,'-2+3,`);
    const cells = row.split(',');
    expect(cells.filter((cell) => /^["]?[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});

describe('a register cell', () => {
  it('that starts with a tab or a carriage return is plain text too, and any line break is quoted', () => {
    const c = {
      ...fullCase(),
      customer: { name: '\t=1+2', phone: '13812345678' },
      summary: '\r=3\nand more',
    };
    const csv = registerCsv(translator('en'), testPolicy(), [c], people.gm);
    const row = csv.slice(1).split('\r\n')[1] ?? '';
    expect(row).toContain(",'\t=1+2,");
    expect(row).toContain(`,"'\r=3\nand more",`);
  });
});
