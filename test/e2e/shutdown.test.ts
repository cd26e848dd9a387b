import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ids } from '../../src/chat/blocks.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { CASES_CHANNEL, REDIS_URL, testPolicy } from '../support/harness.js';
import { until } from '../support/settle.js';
import {
  complaintValues,
  SIGNING_SECRET,
  signatureHeaders,
  validComplaint,
  viewSubmission,
} from '../support/slack-requests.js';

describe('npm start, stopped with SIGTERM', () => {
  let slack: FakeSlack;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    slack.release();
    if (child?.exitCode === null) child.kill('SIGKILL');
    await slack.close();
  });

  it('finishes the message it is sending, then exits cleanly', async () => {
    slack = await startFakeSlack();
    const policyFile = join(mkdtempSync(join(tmpdir(), 'redress-')), 'policy.yaml');
    // What the test policy holds in milliseconds is left to the file's defaults, which are written in words.
    const {
      deadlines: _ms,
      repeatWindow: _off,
      batch: _batch,
      retention: _kept,
      maxExtension: _ahead,
      ...policy
    } = testPolicy();
    writeFileSync(policyFile, stringify(policy));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], {
      env: {
        ...process.env,
        PORT: '0',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_API_URL: slack.url,
        REDIS_URL,
        REDIS_PREFIX: `redress-test-${randomUUID()}`,
        POLICY_FILE: policyFile,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const stdout = child.stdout;
    stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    const port = await new Promise<number>((resolve, reject) => {
      child?.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
      stdout?.on('data', () => {
        const listening = /"port":(\d+),"socketMode":false,"msg":"web process listening"/.exec(output);
        if (listening) resolve(Number(listening[1]));
      });
    });

    slack.hold(); // the card will be on its way to Slack when the signal comes
    const body = viewSubmission('U0RECEIVER', {
      id: 'VSHUTDOWN',
      callbackId: ids.complaintView,
      values: complaintValues(validComplaint),
    });
    const answer = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
      body,
    });
    expect(answer.status).toBe(200);
    await until(() => slack.holding().includes('chat.postMessage'), 'the card on its way to Slack');
    child.kill('SIGTERM');
    await until(() => output.includes('"msg":"stopping"'), 'the process to start stopping');
    slack.release();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopping"');
    expect(
      slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CASES_CHANNEL),
    ).toHaveLength(1);
  });
});
