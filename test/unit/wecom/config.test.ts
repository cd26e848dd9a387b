import { describe, expect, it } from 'vitest';
import { WECOM_API_URL, wecomEnv } from '../../../src/chat/wecom/config.js';
import { WECOM_ENV } from '../../support/wecom-testbed.js';

const env = WECOM_ENV;

describe('WeCom configuration', () => {
  it('reads the app’s settings, the official API by default', () => {
    expect(wecomEnv.parse(env)).toEqual({
      ...env,
      WECOM_AGENT_ID: 1000002,
      WECOM_API_URL,
      WECOM_OAUTH_URL: 'https://open.weixin.qq.com/connect/oauth2/authorize',
    });
    // The public address is written without a closing slash, as the pages' paths are put after it.
    expect(
      wecomEnv.parse({ ...env, WECOM_PUBLIC_URL: 'https://redress.example.com/' }).WECOM_PUBLIC_URL,
    ).toBe('https://redress.example.com');
    expect(wecomEnv.parse({ ...env, WECOM_API_URL: 'http://127.0.0.1:9/cgi-bin' }).WECOM_API_URL).toBe(
      'http://127.0.0.1:9/cgi-bin/',
    );
  });

  it('names each bad or missing value', () => {
    const result = wecomEnv.safeParse({
      ...env,
      WECOM_CORP_ID: 'corp',
      WECOM_AGENT_ID: 'app',
      WECOM_ENCODING_AES_KEY: 'short',
      WECOM_SECRET: undefined,
      WECOM_PUBLIC_URL: undefined,
    });
    const issues = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WECOM_CORP_ID: must be a CorpID/),
        expect.stringMatching(/^WECOM_AGENT_ID: is required|^WECOM_AGENT_ID: must be/),
        expect.stringMatching(/^WECOM_ENCODING_AES_KEY: must be the callback EncodingAESKey/),
        expect.stringMatching(/^WECOM_SECRET: is required/),
        expect.stringMatching(/^WECOM_PUBLIC_URL: is required: the web process’s public address/),
      ]),
    );
  });
});
