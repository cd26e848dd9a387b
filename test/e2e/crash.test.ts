import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import type { Config } from '../../src/config.js';
import { caseStore } from '../../src/store/case-store.js';
import type { SlackCall } from '../support/fake-slack.js';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { settled, until } from '../support/settle.js';
import { serveCollections } from '../support/store-server.js';
import { testCollections } from '../support/test-store.js';

/** Starts a worker in a child process and waits until it is ready. */
async function startWorkerProcess(config: Config, storeUrl: string): Promise<ChildProcess> {
  const child = fork('test/support/worker-process.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REDRESS_TEST_CONFIG: JSON.stringify(config), REDRESS_TEST_STORE: storeUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const early = (code: number | null) =>
      reject(new Error(`the worker exited with ${code} before it was ready`));
    child.once('exit', early);
    child.once('message', () => {
      child.off('exit', early);
      resolve();
    });
  });
  return child;
}

const sent = (c: SlackCall) =>
  c.method === 'chat.postMessage'
    ? `${String(c.args.channel)} ${String(c.args.text).replace(/<!date[^>]+>/, 'DATE')}`
    : null;

describe('a worker killed mid-storm', () => {
  let h: Harness;
  const children: ChildProcess[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
    await h.close();
    for (const close of closers) await close();
  });

  it('loses no ping and sends none twice once it restarts', async () => {
    const collections = testCollections();
    const served = await serveCollections(collections);
    closers.push(served.close);
    // Warned at 1.5 s, nudged at 3 s, then manager, CS manager, GM at 3.7, 4.4 and 5.1 s.
    const policy = testPolicy({ acknowledge: 3000, warnAt: 0.5, grace: 700 });
    h = await startHarness(policy, { JOB_LOCK: 1500 }, caseStore(collections), 'web');
    const config: Config = { env: h.env, policy };
    children.push(await startWorkerProcess(config, served.url));
    const cases = await Promise.all(Array.from({ length: 20 }, () => h.register()));

    await h.slack.waitFor((c) => /due now/.test(String(c.args.text)), 3, 15_000);
    // Killed while timers fire and messages leave: when every delivery under way waits on a call held in
    // flight. Those calls are dropped, as Slack never took them; and no call Slack answered is left unrecorded
    // by the worker, which would rightly be sent again.
    h.slack.hold();
    const queue = new Queue(QUEUE_NAME, { connection: { url: h.env.REDIS_URL }, prefix: h.prefix });
    await until(async () => {
      const delivering = (await queue.getJobs(['active'])).filter((job) => job.name === 'deliver').length;
      return delivering > 0 && delivering === h.slack.holding().length;
    }, 'every delivery under way to wait on a held call');
    await queue.close();
    children[0]?.kill('SIGKILL');
    await once(children[0] as ChildProcess, 'exit');
    await until(() => h.slack.holding().length === 0, 'the killed worker’s calls to be dropped');
    h.slack.release();
    const killedAt = Date.now();
    children.push(await startWorkerProcess(config, served.url));

    await h.slack.waitFor((c) => c.args.channel === people.gm, cases.length, 40_000);
    await settled(h); // anything sent twice would have been sent by now
    expect(h.slack.calls.some((c) => c.at > killedAt && c.method === 'chat.postMessage')).toBe(true);
    const expected = cases.flatMap((c) => [
      `${CASES_CHANNEL} Complaint ${c.number}`,
      `${people.owner} New complaint ${c.number} for you. Please acknowledge it.`,
      `${people.owner} Reminder: Acknowledge for ${c.number} is due DATE.`,
      `${people.owner} Acknowledge for ${c.number} is due now.`,
      `${people.manager} Complaint ${c.number} has been escalated to you.`,
      `${people.csManager} Complaint ${c.number} has been escalated to you.`,
      `${people.gm} Complaint ${c.number} has been escalated to you.`,
      // The card's thread tells of each rung too.
      ...[people.manager, people.csManager, people.gm].map(
        (to) => `${CASES_CHANNEL} Acknowledge overdue: escalated to <@${to}>.`,
      ),
    ]);
    const received = h.slack.calls.map(sent).filter((s) => s !== null);
    expect(received.sort()).toEqual(expected.sort());
  }, 120_000); // two worker processes to start, 20 cases to carry up the ladder: a loaded machine takes a while
});
