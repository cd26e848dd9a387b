import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../support/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const MAIN = join(ROOT, 'src/main.ts');

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const running: ChildProcess[] = [];

/** `npm start`'s entry point in a fresh directory, with only the given environment. */
function start(env: Record<string, string>, cwd = mkdtempSync(join(tmpdir(), 'redress-start-'))) {
  const child = spawn(process.execPath, [TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('npm start', () => {
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('without Redis: one line naming REDIS_URL, the address and what to do, exit code 1', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const run = start({ REDIS_URL: url, CONNECT_WAIT: '1s' });
    expect(await run.exited).toBe(1);
    const lines = run.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^REDIS_URL: no Redis answers at ${url} \\(waited 1 s\\)\\. Start one`),
    );
    expect(run.err()).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('without MongoDB: one line naming MONGO_URL, the address and what to do, exit code 1', async () => {
    const url = `mongodb://127.0.0.1:${await closedPort()}/redress`;
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      POLICY_FILE: join(ROOT, 'policy.example.yaml'),
      REDIS_URL,
      REDIS_PREFIX: `redress-test-${randomUUID()}`,
      MONGO_URL: url,
      CONNECT_WAIT: '1s',
    });
    expect(await run.exited).toBe(1);
    const lines = run.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^MONGO_URL: no MongoDB answers at ${url} \\(waited 1 s`));
    expect(lines[0]).toContain('leave MONGO_URL unset');
  });

  it('with .env.example copied as it is and no policy file: the sandbox, until SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'redress-start-'));
    copyFileSync(join(ROOT, '.env.example'), join(cwd, '.env'));
    const run = start({ PORT: '0', REDIS_URL, REDIS_PREFIX: `redress-test-${randomUUID()}` }, cwd);
    await expect.poll(run.out, { timeout: 20_000 }).toMatch(/Redress sandbox: open http:\/\/localhost:\d+\//);
    const port = /localhost:(\d+)/.exec(run.out())?.[1];
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/sandbox/app.js');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.err()).toBe('');
  });
});
