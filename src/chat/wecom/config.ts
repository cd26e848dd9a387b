import { z } from 'zod';

/** WeCom's sign-in for pages opened in the app (网页授权). */
export const WECOM_OAUTH_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize';

/** The official API base; tests point `WECOM_API_URL` at a fake on 127.0.0.1. */
export const WECOM_API_URL = 'https://qyapi.weixin.qq.com/cgi-bin/';

/** The policy's `channel` that makes the complaints channel the group robot of `WECOM_ROBOT_KEY`. */
export const ROBOT_CHANNEL = 'robot';

/**
 * A group robot's webhook key (the `key=` of `…/webhook/send?key=…`), or the whole webhook address, whose key is
 * taken. The key is a secret: no message here repeats it.
 */
const robotKey = z
  .string()
  .trim()
  .transform((text) => (URL.canParse(text) ? (new URL(text).searchParams.get('key') ?? '') : text))
  .pipe(
    z
      .string()
      .regex(
        /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i,
        'must be the key of the group robot’s webhook address (…/webhook/send?key=…), like 1b2c3d4e-5f60-4bc4-97a0-0ec2f1fa5aaa',
      ),
  );

/**
 * What a WeCom self-built app (自建应用) needs: the corp and the app to send as, and the callback's Token and
 * EncodingAESKey (接收消息 → API接收) to check and open what WeCom posts to `/wecom/callback`.
 */
export const wecomEnv = z.object({
  WECOM_CORP_ID: z
    .string('is required: the CorpID (企业ID) under 我的企业 → 企业信息')
    .regex(/^w[wx][0-9a-z]{16}$/i, 'must be a CorpID (企业ID) like ww0123456789abcdef'),
  WECOM_AGENT_ID: z.coerce
    .number('is required: the AgentId of the self-built app')
    .int('must be the AgentId of the self-built app, a number like 1000002')
    .positive('must be the AgentId of the self-built app, a number like 1000002'),
  WECOM_SECRET: z.string('is required: the Secret of the self-built app').min(1),
  WECOM_TOKEN: z
    .string('is required: the Token of the app’s callback (接收消息)')
    .regex(/^[A-Za-z0-9]{1,32}$/, 'must be the callback Token: up to 32 letters and digits'),
  WECOM_ENCODING_AES_KEY: z
    .string('is required: the EncodingAESKey of the app’s callback (接收消息)')
    .regex(/^[A-Za-z0-9]{43}$/, 'must be the callback EncodingAESKey: 43 letters and digits'),
  /** The web process's public address: the cards' buttons open the form pages there, and sign-in returns to it. */
  WECOM_PUBLIC_URL: z
    .url('is required: the web process’s public address (https://…), where the cards’ buttons open the forms')
    .transform((url) => url.replace(/\/+$/, '')),
  WECOM_API_URL: z
    .url()
    .default(WECOM_API_URL)
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  /** WeCom's sign-in for the app's pages; tests point it at their fake. */
  WECOM_OAUTH_URL: z.url().default(WECOM_OAUTH_URL),
  /** The complaints channel's group robot (群机器人), when the policy's channel is `robot`. */
  WECOM_ROBOT_KEY: robotKey.optional(),
  /** The file that proves the trusted domain (可信域名) is the company's, served at the web process's root. */
  WECOM_VERIFY_FILE: z
    .string()
    .regex(
      /(^|\/)WW_verify_[A-Za-z0-9]+\.txt$/,
      'must be the path of the WW_verify_….txt file the admin console gives for the trusted domain',
    )
    .optional(),
});

export type WecomEnv = z.infer<typeof wecomEnv>;
