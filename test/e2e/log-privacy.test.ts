import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { Env } from '../../src/config.js';
import { boltLogger, createLog } from '../../src/log.js';
import { type Redress, startRedress } from '../../src/redress.js';
import { aCase } from '../support/cases.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { baseEnv, people, testPolicy } from '../support/harness.js';
import {
  complaintValues,
  SIGNING_SECRET,
  signatureHeaders,
  slashCommand,
  validComplaint,
  viewSubmission,
} from '../support/slack-requests.js';
import { testStore } from '../support/test-store.js';

const NAME = validComplaint.customerName;
const PHONE_DIGITS = '13812345678';

/** A log written to memory. */
function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLog('trace', stream), text: () => lines.join('') };
}

const leaks = (text: string) =>
  [NAME, PHONE_DIGITS, validComplaint.customerPhone].filter((secret) => text.includes(secret));

describe('logs carry no personal data', () => {
  let slack: FakeSlack | undefined;
  let redress: Redress | undefined;
  afterEach(async () => {
    await redress?.stop();
    await slack?.close();
  });

  it('redacts the customer’s name and phone wherever a logged object carries them', () => {
    const { log, text } = captured();
    const c = aCase();
    log.info({ case: c }, 'a case');
    log.info({ job: { data: { complaint: { customerName: NAME, customerPhone: PHONE_DIGITS } } } }, 'a job');
    log.info({ view: { state: { values: { customerName: { value: NAME } } } } }, 'a form');
    log.error({ err: new Error('boom'), customer: c.customer, phone: PHONE_DIGITS }, 'failed');
    expect(text()).toContain('[redacted]');
    expect(text()).toContain(c.number);
    expect(leaks(text())).toEqual([]);
  });

  it('keeps the bodies Slack’s clients log at debug level out of the log', () => {
    const { log, text } = captured();
    const bolt = boltLogger(log);
    bolt.debug(`http request body: ${JSON.stringify({ text: `${NAME} ${PHONE_DIGITS}` })}`);
    bolt.debug(JSON.stringify({ view: { state: { values: { customerName: NAME } } } }));
    bolt.debug("apiCall('chat.postMessage') start");
    expect(text()).toContain("apiCall('chat.postMessage') start");
    expect(leaks(text())).toEqual([]);
  });

  it('logs nothing personal while a complaint is registered, announced and its deadlines fire, at trace level', async () => {
    slack = await startFakeSlack();
    const { log, text } = captured();
    const env: Env = {
      ...baseEnv(`redress-test-${randomUUID()}`),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.url,
      LOG_LEVEL: 'trace',
    };
    const policy = testPolicy({ acknowledge: 600, warnAt: 0.5, grace: 300 });
    const store = testStore();
    redress = await startRedress({ env, policy }, { role: 'all', log, store });
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${redress?.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
        body,
      });
    await post(slashCommand(people.receiver, validComplaint.summary));
    const values = complaintValues(validComplaint);
    await post(
      viewSubmission(people.receiver, { id: `V${randomUUID()}`, callbackId: ids.complaintView, values }),
    );
    await slack.waitFor((call) => call.args.channel === people.gm, 1, 10_000);
    expect(text()).not.toBe('');
    expect(leaks(text())).toEqual([]);
  });
});
