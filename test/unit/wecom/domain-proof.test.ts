import { afterEach, describe, expect, it } from 'vitest';
import type { WecomDeps } from '../../../handlers/wecom/deps.js';
import { wecomRoutes } from '../../../handlers/wecom/index.js';
import { createLog } from '../../../src/log.js';
import { startProbe, type Web } from '../../../src/web.js';
import { testPolicy } from '../../support/harness.js';

let web: Web | undefined;
afterEach(async () => {
  await web?.stop();
});

async function serve(domainProof?: WecomDeps['domainProof']): Promise<string> {
  const deps = {
    policy: testPolicy(),
    log: createLog('silent'),
    publicUrl: 'https://redress.example.com',
    ...(domainProof ? { domainProof } : {}),
  } as unknown as WecomDeps;
  web = await startProbe(0, { registry: {} } as never, createLog('silent'), wecomRoutes(deps));
  return `http://127.0.0.1:${web.port}`;
}

describe('the trusted domain’s verification file', () => {
  it('is served at the root under its own name, as WeCom fetches it before it trusts the domain', async () => {
    const url = await serve({ name: 'WW_verify_Ab12Cd34.txt', content: 'Ab12Cd34' });
    const answer = await fetch(`${url}/WW_verify_Ab12Cd34.txt`);
    expect([answer.status, await answer.text()]).toEqual([200, 'Ab12Cd34']);
    expect((await fetch(`${url}/WW_verify_Other.txt`)).status).toBe(404);
  });

  it('is not there when none is configured', async () => {
    const url = await serve();
    expect((await fetch(`${url}/WW_verify_Ab12Cd34.txt`)).status).toBe(404);
  });
});
