import { afterEach, describe, expect, it } from 'vitest';
import { monthKey } from '../../src/domain/case-number.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';
import { fileText } from '../support/uploads.js';

describe('/complaint export', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('sends a manager the month’s register as CSV with a BOM, one row per case', async () => {
    h = await startHarness();
    const first = await h.register({ ...validComplaint, summary: 'Cold soup, "again", and late' });
    const second = await h.register({
      ...validComplaint,
      customerName: '李先生',
      customerPhone: '13900001111',
    });
    const month = monthKey(new Date(), 'Asia/Shanghai');
    await h.post(slashCommand(people.manager, `export ${month.slice(0, 4)}-${month.slice(4)}`));
    const [complete] = await h.slack.waitFor((c) => c.method === 'files.completeUploadExternal');
    expect(JSON.stringify(complete?.args)).toContain(`D${people.manager.slice(1)}`); // to the manager, directly
    const [upload] = h.slack.uploads;
    if (!upload) throw new Error('nothing uploaded');
    const csv = fileText(upload);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      [
        'Case number,Registered,Customer,Phone,Address or place,Received by,Category,Class',
        'What is the complaint?,Order or item (for a product),The customer asks for,Evidence,Repeated fault',
        'Department,Owner,Receiver,Status,Resolution,Resolved,Customer verdict,Satisfaction (1–5)',
        'Root cause,Corrective action,Preventive action,Responsible department,Responsible,Fix verified,Closed',
      ].join(','),
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${first.number},`);
    expect(lines[1]).toContain(',"Cold soup, ""again"", and late",');
    expect(lines[2]).toMatch(
      new RegExp(`^${second.number},.*,李先生,13900001111,,Phone,Delivery / logistics,Class 1`),
    );
    // People by the names of their Slack profiles, not their ids.
    expect(lines[2]).toContain(`,${validComplaint.demand},,,Delivery,Owner,Receiver,`);
    expect(csv).not.toContain(people.owner);
  });

  it('is for managers only', async () => {
    h = await startHarness();
    await h.post(slashCommand(people.owner, 'export'));
    const [refusal] = await h.slack.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(refusal?.args.text).toBe('Only managers and the general manager can export the register.');
    expect(h.slack.uploads).toEqual([]);
  });
});
