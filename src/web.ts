import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../handlers/slack/deps.js';
import { tellFailure } from '../handlers/slack/failure.js';
import { register } from '../handlers/slack/index.js';
import type { Env } from './config.js';
import { boltLogger, type Log } from './log.js';

export interface Web {
  /** The port it listens on: Slack's requests in HTTP mode, /healthz in both. */
  port?: number;
  stop(): Promise<void>;
}

const healthz = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/** The web process: Slack's commands, buttons and forms over HTTP (or Socket Mode), and a health check. */
export async function startWeb(env: Env, deps: SlackDeps, log: Log): Promise<Web> {
  // Who the bot is, asked once here, so that answering a request never waits on Slack's API.
  const identity = await new WebClient(env.SLACK_BOT_TOKEN, { slackApiUrl: env.SLACK_API_URL }).auth.test();
  const common = {
    token: env.SLACK_BOT_TOKEN,
    botId: identity.bot_id,
    botUserId: identity.user_id,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
    logger: boltLogger(log),
    customRoutes: [healthz],
    // The error sink gets the request, to tell the person whose request failed.
    extendedErrorHandler: true,
  };
  const app = env.SLACK_APP_TOKEN
    ? new App({
        ...common,
        socketMode: true,
        appToken: env.SLACK_APP_TOKEN,
        installerOptions: { port: env.PORT },
      })
    : new App({ ...common, signingSecret: env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' });
  register(app, deps);
  app.error(tellFailure({ client: app.client, store: deps.store, t: deps.t, log }));
  const server = await app.start(env.PORT);
  const port = server && 'address' in server ? (server.address() as AddressInfo).port : env.PORT;
  log.info({ port, socketMode: Boolean(env.SLACK_APP_TOKEN) }, 'web process listening');
  return {
    port,
    async stop() {
      await app.stop();
    },
  };
}
