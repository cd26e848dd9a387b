import { App } from '@slack/bolt';
import { ids } from '../src/chat/blocks.js';
import { createLog } from '../src/log.js';
import { startRedress } from '../src/redress.js';
import { caseStore } from '../src/store/case-store.js';
import { memoryCollections } from '../src/store/memory-collections.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { people, testPolicy } from '../test/support/harness.js';
import { startOwnRedis } from '../test/support/redis-server.js';
import {
  buttonPress,
  complaintValues,
  SIGNING_SECRET,
  signatureHeaders,
  slashCommand,
  validComplaint,
  viewSubmission,
} from '../test/support/slack-requests.js';
import { benchConfig, storeCases } from './setup.js';
import { openLoop, printLatencies, printRounds, row } from './support.js';

const RATE = 100;
const REQUESTS = 1000;
/** Rounds of baseline then Redress, alternating, within one run. */
const ROUNDS = 5;

const post = (port: number, body: string) =>
  fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
    body,
  }).then(async (response) => {
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
  });

/** The baseline: a bare Bolt app, same receiver and signing, whose listeners only ack. */
async function bareBolt(slackUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  const app = new App({
    token: 'xoxb-bench',
    signingSecret: SIGNING_SECRET,
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: slackUrl },
  });
  app.command('/complaint', async ({ ack }) => ack());
  app.action(ids.acknowledge, async ({ ack }) => ack());
  app.view(ids.complaintView, async ({ ack }) => ack());
  const server = await app.start(0);
  const address = server && 'address' in server ? server.address() : null;
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: () => app.stop() as Promise<void>,
  };
}

/** Ack latency of `/complaint` and of a button at 100 requests a second, against a bare Bolt app. */
export async function ackLatency(): Promise<void> {
  const redis = await startOwnRedis();
  const slack = await startFakeSlack();
  const policy = testPolicy();
  const store = caseStore(memoryCollections());
  const cases = await storeCases(store, policy, REQUESTS);
  const web = await startRedress(benchConfig(redis.url, slack.url, policy), {
    role: 'web',
    log: createLog('silent'),
    store,
  });
  const bare = await bareBolt(slack.url);
  const command = () => slashCommand(people.receiver, 'Cold soup');
  const press = (i: number) =>
    buttonPress(people.owner, ids.acknowledge, cases[i]?.number ?? '', {
      channel: 'C0CASES',
      ts: `${i}.000000`,
    });

  const perRound = REQUESTS / ROUNDS;
  await printRounds(
    `Ack latency of /complaint at ${RATE} requests/s`,
    ROUNDS,
    { name: 'bare Bolt', run: () => openLoop(RATE, perRound, () => post(bare.port, command())) },
    { name: 'Redress /complaint', run: () => openLoop(RATE, perRound, () => post(web.port ?? 0, command())) },
  );
  // Each round presses the buttons of cases of its own, so every press acknowledges a case.
  const pressOf = (round: number) => (i: number) => press(round * perRound + i);
  await printRounds(
    `Ack latency of a button at ${RATE} requests/s`,
    ROUNDS,
    {
      name: 'bare Bolt',
      run: (round) => openLoop(RATE, perRound, (i) => post(bare.port, pressOf(round)(i))),
    },
    {
      name: 'Redress Acknowledge button',
      run: (round) => openLoop(RATE, perRound, (i) => post(web.port ?? 0, pressOf(round)(i))),
    },
  );

  await web.stop();
  await bare.stop();
  await slack.close();
  await redis.stop();
}

/** 1,000 complaint submissions in 10 s: every one acked within Slack's 3 s, stored, and numbered once. */
export async function burst(): Promise<void> {
  const redis = await startOwnRedis();
  const slack = await startFakeSlack();
  const store = caseStore(memoryCollections());
  const running = await startRedress(benchConfig(redis.url, slack.url), {
    role: 'all',
    log: createLog('silent'),
    store,
  });
  const bare = await bareBolt(slack.url);
  const submission = (i: number, tag: string) =>
    viewSubmission(people.receiver, {
      id: `V${tag}${i}`,
      callbackId: ids.complaintView,
      values: complaintValues(validComplaint),
    });
  const numbers: string[] = [];
  const baseline = row(
    'bare Bolt: form submitted',
    await openLoop(RATE, REQUESTS, (i) => post(bare.port, submission(i, 'BARE'))),
  );
  const ours = row(
    'Redress: form submitted, case stored and numbered',
    await openLoop(RATE, REQUESTS, async (i) => {
      const body = submission(i, 'BURST');
      const response = await fetch(`http://127.0.0.1:${running.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
        body,
      });
      numbers.push(/\d{6}-\d{4,}/.exec(await response.text())?.[0] ?? `none (${response.status})`);
    }),
  );
  printLatencies(`Burst: ${REQUESTS} submissions in ${REQUESTS / RATE} s`, baseline, [ours]);
  let stored = 0;
  for (const n of new Set(numbers)) if (await store.get(n)) stored++;
  const serials = [...new Set(numbers)].map((n) => Number(n.slice(7))).sort((a, b) => a - b);
  const consecutive = serials.every((s, i) => i === 0 || s === (serials[i - 1] ?? 0) + 1);
  console.log(
    `\nacked under 3 s: ${ours.max < 3000 ? 'yes' : 'NO'} (slowest ${ours.max.toFixed(0)} ms); ` +
      `stored: ${stored} of ${REQUESTS}; distinct numbers: ${new Set(numbers).size}; consecutive: ${consecutive ? 'yes' : 'NO'}`,
  );
  await running.stop();
  await bare.stop();
  await slack.close();
  await redis.stop();
}
