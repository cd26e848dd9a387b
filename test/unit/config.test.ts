import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadSandboxEnv, wantsSandbox } from '../../src/config.js';

const env = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', POLICY_FILE: 'policy.example.yaml' };

function policyFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'redress-')), 'policy.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('configuration', () => {
  it('loads the example policy with its durations in milliseconds', () => {
    const { policy, env: loaded } = loadConfig(env);
    expect(policy.locale).toBe('zh-CN');
    expect(policy.deadlines).toEqual({
      acknowledge: 3_600_000,
      resolve: 86_400_000,
      majorCallback: 86_400_000,
      majorResolve: 172_800_000,
      warnAt: 0.75,
      grace: 14_400_000,
      digestWindow: 120_000,
      calendar: null,
    });
    expect(loaded).toMatchObject({
      PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      SLACK_API_URL: 'https://slack.com/api/',
    });
  });

  it('names every bad or missing environment variable', () => {
    const bad = () => loadConfig({ ...env, SLACK_BOT_TOKEN: 'xapp-wrong', PORT: 'eighty' });
    expect(bad).toThrow('SLACK_BOT_TOKEN: must be a bot token');
    expect(bad).toThrow('PORT: must be a port number');
    expect(() => loadConfig({ ...env, SLACK_SIGNING_SECRET: undefined })).toThrow(
      'SLACK_SIGNING_SECRET: is required unless SLACK_APP_TOKEN selects Socket Mode',
    );
  });

  it('defaults evidence files, the fix verification and the review reports to the documents’, and bounds them', () => {
    const minimal =
      'channel: C1\ngm: U1\ncsManager: U2\ndepartments: [{id: d, name: D, owner: U3, manager: U4}]\n';
    const { policy } = loadConfig({ ...env, POLICY_FILE: policyFile(minimal) });
    expect(policy.evidence).toEqual({ maxFiles: 10, filetypes: [] });
    expect(policy.verifyFix).toBe(true);
    expect(policy.reports).toMatchObject({ halfYear: '0 9 1 6,12 *', annual: '0 9 1 1 *' });
    expect(loadConfig(env).policy).toMatchObject({ evidence: { maxFiles: 10 }, verifyFix: true });
    const tooMany = policyFile(
      `${minimal}evidence: { maxFiles: 11, filetypes: [.jpg] }\nreports: { annual: yearly }\n`,
    );
    const load = () => loadConfig({ ...env, POLICY_FILE: tooMany });
    expect(load).toThrow('evidence.maxFiles: must be at most 10: Slack takes no more');
    expect(load).toThrow('evidence.filetypes.0: must be a file extension like jpg');
    expect(load).toThrow('reports.annual: must be a cron pattern');
  });

  it('names the bad value in the policy file', () => {
    const file = policyFile(
      'channel: C1\ngm: U1\ncsManager: nobody\ndepartments: [{id: d, name: D, owner: U2, manager: U3}]\ndeadlines: {grace: 4 hours}\n',
    );
    const error = (() => {
      try {
        loadConfig({ ...env, POLICY_FILE: file });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain('csManager: must be a Slack user id');
    expect(String(error)).toContain('deadlines.grace: "4 hours" is not a duration');
  });

  it('takes the documents’ procedure by default, and names a bad country or an unknown major category', () => {
    const minimal =
      'channel: C1\ngm: U1\ncsManager: U4\ndepartments: [{id: d, name: D, owner: U2, manager: U3}]\n';
    expect(loadConfig({ ...env, POLICY_FILE: policyFile(minimal) }).policy).toMatchObject({
      country: 'CN',
      anonymous: 'forbidden',
      rootCause: 'all',
      majorCategories: ['food_safety'],
      closeNeedsCustomerTold: true,
    });
    const bad = (yaml: string) => () => loadConfig({ ...env, POLICY_FILE: policyFile(minimal + yaml) });
    expect(bad('country: China\nanonymous: maybe\n')).toThrow(
      'country: must be a two-letter country code like CN',
    );
    expect(bad('anonymous: maybe\n')).toThrow('anonymous: Invalid option');
    expect(bad('majorCategories: [fire]\n')).toThrow(
      'majorCategories: name only categories of the list under categories',
    );
  });

  it('reads working hours, holidays and make-up days into a calendar in the policy timezone', () => {
    const file = policyFile(
      [
        'timezone: Asia/Shanghai',
        'channel: C1',
        'gm: U1',
        'csManager: U2',
        'departments: [{id: d, name: D, owner: U3, manager: U4}]',
        'workingTime:',
        '  hours: { mon: [09:00-12:00, 13:00-18:00], sat: [10:00-16:00] }',
        '  holidays: [2026-10-01]',
        '  workdays: [2026-10-10]',
      ].join('\n'),
    );
    expect(loadConfig({ ...env, POLICY_FILE: file }).policy.deadlines.calendar).toEqual({
      timezone: 'Asia/Shanghai',
      hours: {
        mon: [
          [540, 720],
          [780, 1080],
        ],
        sat: [[600, 960]],
      },
      holidays: ['2026-10-01'],
      workdays: ['2026-10-10'],
      makeUpDay: 'mon',
    });
    const bad = policyFile(
      'channel: C1\ngm: U1\ncsManager: U2\ndepartments: [{id: d, name: D, owner: U3, manager: U4}]\nworkingTime: {hours: {mon: [18:00-09:00]}}\n',
    );
    expect(() => loadConfig({ ...env, POLICY_FILE: bad })).toThrow(
      'workingTime.hours.mon.0: must end after it starts',
    );
  });

  it('says when the policy file cannot be read', () => {
    expect(() => loadConfig({ ...env, POLICY_FILE: '/nowhere/policy.yaml' })).toThrow(
      'POLICY_FILE: cannot read /nowhere/policy.yaml',
    );
  });

  it('reads an empty variable as unset, as a copied example file leaves them', () => {
    const loaded = loadConfig({ ...env, SLACK_APP_TOKEN: '', MONGO_URL: ' ', PORT: '' }).env;
    expect(loaded.SLACK_APP_TOKEN).toBeUndefined();
    expect(loaded.MONGO_URL).toBeUndefined();
    expect(loaded.PORT).toBe(3000);
  });

  it('runs the sandbox when no Slack variable is set, and only then', () => {
    const example = parseEnv(readFileSync('.env.example', 'utf8'));
    expect(wantsSandbox(example)).toBe(true);
    expect(wantsSandbox({})).toBe(true);
    expect(wantsSandbox({ SLACK_SIGNING_SECRET: 's' })).toBe(false);
    expect(wantsSandbox({ SLACK_APP_TOKEN: 'xapp-1' })).toBe(false);
    expect(loadSandboxEnv(example)).toMatchObject({ PORT: 3000, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(example.MONGO_URL).toBeUndefined();
  });

  it('asks for the bot token of a half-configured Slack app by name', () => {
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: '' })).toThrow(
      'SLACK_BOT_TOKEN: is required',
    );
  });
});
