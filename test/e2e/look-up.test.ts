import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { Case } from '../../src/domain/case.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { buttonPress, slashCommand, validComplaint } from '../support/slack-requests.js';

const blocksOf = (call?: SlackCall) => JSON.stringify(call?.args.blocks ?? '');

describe('looking cases up, and who may see what', () => {
  let h: Harness;
  let aboutStranger: Case;
  let others: Case[];
  const answers = (user: string) =>
    h.slack.calls.filter((c) => c.method === 'chat.postEphemeral' && c.args.user === user);
  async function ask(user: string, text: string): Promise<SlackCall | undefined> {
    const before = answers(user).length;
    await h.post(slashCommand(user, text));
    const all = await h.slack.waitFor(
      (c) => c.method === 'chat.postEphemeral' && c.args.user === user,
      before + 1,
    );
    return all.at(-1);
  }

  beforeAll(async () => {
    const policy = testPolicy();
    policy.departments.push({ id: 'kitchen', name: 'Kitchen', owner: 'U0COOK', manager: 'U0CHEF' });
    h = await startHarness(policy);
    aboutStranger = await h.register({
      ...validComplaint,
      customerPhone: '139 0000 1111',
      summary: 'Rude driver',
      respondent: people.stranger,
    });
    others = [];
    for (let i = 0; i < 11; i++)
      others.push(await h.register({ ...validComplaint, customerName: `Customer ${i}` }));
    others.push(
      await h.register({ ...validComplaint, department: 'kitchen', summary: 'Hair in the noodles' }),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows a case to the people on it: the full phone to its owner, masked to its receiver; to nobody else', async () => {
    expect(blocksOf(await ask(people.owner, `show ${aboutStranger.number}`))).toContain('13900001111');
    const seenByReceiver = blocksOf(await ask(people.receiver, `show ${aboutStranger.number}`));
    expect(seenByReceiver).toContain('139****1111');
    expect(seenByReceiver).not.toContain('13900001111');
    // The person complained about, and someone not on the case, hear the same as for a case that does not exist.
    for (const user of [people.stranger, 'U0COOK']) {
      expect((await ask(user, `show ${aboutStranger.number}`))?.args.text).toBe(
        `There is no case ${aboutStranger.number}.`,
      );
    }
    expect((await ask('U0COOK', 'show 202611-9999'))?.args.text).toBe('There is no case 202611-9999.');
  });

  it('gives a complaint about the duty owner to the next person up the ladder', async () => {
    const c = await h.register({ ...validComplaint, respondent: people.owner });
    expect(c).toMatchObject({ owner: people.manager, respondent: people.owner });
    expect(c.ladder).not.toContain(people.owner);
  });

  it('lists open cases by role, ten to a page, with More for the rest', async () => {
    const owned = blocksOf(await ask(people.owner, 'list'));
    expect(owned).toContain(others[10]?.number);
    expect(owned).not.toContain(others[11]?.number); // the kitchen's
    expect(owned).toContain(ids.more);
    const more = JSON.parse(owned).find((b: { type: string }) => b.type === 'actions').elements[0]
      .value as string;
    await h.post(buttonPress(people.owner, ids.more, more, { channel: 'C0GENERAL', ts: '1.000001' }));
    const next = await h.slack.waitFor(
      (c) =>
        c.method === 'chat.postEphemeral' &&
        c.args.user === people.owner &&
        blocksOf(c).includes('Rude driver'),
    );
    expect(blocksOf(next[0])).not.toContain(ids.more);

    const kitchen = blocksOf(await ask('U0CHEF', 'list'));
    expect(kitchen).toContain(others[11]?.number);
    expect(kitchen).not.toContain(aboutStranger.number);
    const everything = blocksOf(await ask(people.gm, 'list'));
    expect(everything).toContain(others[11]?.number);
    expect(everything).toContain(others[10]?.number);
  });

  it('finds the cases someone is on; others only by the whole phone; never for the person complained about', async () => {
    expect(blocksOf(await ask(people.manager, 'find 1111'))).toContain(aboutStranger.number);
    expect(blocksOf(await ask(people.manager, 'find noodles'))).not.toContain(others[11]?.number);
    expect(blocksOf(await ask(people.gm, 'find noodles'))).toContain(others[11]?.number);
    expect(blocksOf(await ask('U0CHEF', 'find noodles'))).toContain(others[11]?.number);
    // Not on the case: four digits find nothing, the whole number finds it, phone masked.
    expect(blocksOf(await ask('U0COOK', 'find 1111'))).not.toContain(aboutStranger.number);
    const byWholePhone = blocksOf(await ask('U0COOK', 'find 139 0000 1111'));
    expect(byWholePhone).toContain(aboutStranger.number);
    expect(byWholePhone).not.toContain('13900001111');
    const stranger = blocksOf(await ask(people.stranger, 'find 139 0000 1111'));
    expect(stranger).not.toContain(aboutStranger.number);
    expect(stranger).toContain('No complaints found.');
  });
});
