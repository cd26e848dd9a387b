import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInstallation, wantsSandbox } from '../../../src/config.js';
import { WECOM_INSTALLATION_ENV } from '../../support/wecom-testbed.js';

const wecom = WECOM_INSTALLATION_ENV;

function policyFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'redress-')), 'policy.yaml');
  writeFileSync(file, yaml);
  return file;
}
const people =
  'gm: sunqi\ncsManager: zhaoliu\ndepartments: [{id: delivery, name: 配送部, owner: lisi, manager: wang.wu}]\n';

describe('an installation on WeCom', () => {
  it('is chosen by CHAT=wecom: the app’s settings, people by userid, the complaints chat by chatid', () => {
    const config = loadInstallation({
      ...wecom,
      POLICY_FILE: policyFile(`channel: wrComplaints01\n${people}`),
    });
    expect(config.env).toMatchObject({ CHAT: 'wecom', WECOM_AGENT_ID: 1000002, PORT: 3000 });
    expect(config.policy).toMatchObject({
      channel: 'wrComplaints01',
      gm: 'sunqi',
      approvalStandIn: 'zhaoliu',
    });
    expect(wantsSandbox({ CHAT: 'wecom' })).toBe(false);
  });

  it('names what is missing or is not WeCom’s', () => {
    const file = policyFile(`channel: C0123-not-a-chat\ngm: 孙七\n${people.slice(people.indexOf('\n') + 1)}`);
    const load = () => loadInstallation({ ...wecom, WECOM_SECRET: '', POLICY_FILE: file });
    expect(load).toThrow('WECOM_SECRET: is required');
    expect(() => loadInstallation({ ...wecom, POLICY_FILE: file })).toThrow(
      /channel: must be the chatid of a group chat[\s\S]*gm: must be a WeCom userid/,
    );
    expect(() => loadInstallation({ CHAT: 'teams' })).toThrow('CHAT: must be one of slack, wecom');
  });

  it('takes the trusted domain’s verification file, and names one it cannot serve', () => {
    const folder = mkdtempSync(join(tmpdir(), 'redress-'));
    const proof = join(folder, 'WW_verify_Ab12Cd34.txt');
    writeFileSync(proof, 'Ab12Cd34');
    const POLICY_FILE = policyFile(`channel: wrComplaints01\n${people}`);
    const config = loadInstallation({ ...wecom, POLICY_FILE, WECOM_VERIFY_FILE: proof });
    expect('domainProof' in config && config.domainProof).toEqual({
      name: 'WW_verify_Ab12Cd34.txt',
      content: 'Ab12Cd34',
    });
    expect(() =>
      loadInstallation({ ...wecom, POLICY_FILE, WECOM_VERIFY_FILE: join(folder, 'proof.txt') }),
    ).toThrow('WECOM_VERIFY_FILE: must be the path of the WW_verify_….txt file');
    expect(() =>
      loadInstallation({ ...wecom, POLICY_FILE, WECOM_VERIFY_FILE: join(folder, 'WW_verify_missing.txt') }),
    ).toThrow('WECOM_VERIFY_FILE: cannot read');
  });

  it('leaves a Slack app as it was when CHAT says nothing', () => {
    const config = loadInstallation({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      POLICY_FILE: 'policy.example.yaml',
    });
    expect(config.env).toMatchObject({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(config.env.CHAT).toBeUndefined();
  });
});
