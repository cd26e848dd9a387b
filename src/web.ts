import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../handlers/slack/deps.js';
import { tellFailure } from '../handlers/slack/failure.js';
import { register } from '../handlers/slack/index.js';
import { asReaderOf } from '../handlers/slack/reader.js';
import type { Env } from './config.js';
import { boltLogger, type Log } from './log.js';
import type { Metrics } from './metrics.js';

export interface Web {
  /** The port it listens on: Slack's requests in HTTP mode, /healthz in both. */
  port?: number;
  stop(): Promise<void>;
}

function healthz(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}

/** Prometheus' text format of this process's metrics. */
const metricsOf = (metrics: Metrics) => async (_req: IncomingMessage, res: ServerResponse) => {
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType });
  res.end(body);
};

/** Answers the requests it knows and says whether the request was one of them. */
export type Routes = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * A worker's own small server: `GET /healthz` for the container and `GET /metrics` for Prometheus; with routes
 * (WeCom's callback and pages), the web process of a chat platform that needs no Bolt.
 */
export async function startProbe(port: number, metrics: Metrics, log: Log, routes?: Routes): Promise<Web> {
  const serveMetrics = metricsOf(metrics);
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return healthz(req, res);
    if (req.method === 'GET' && path === '/metrics') {
      serveMetrics(req, res).catch((error: unknown) => {
        log.error({ err: error }, 'metrics failed');
        res.writeHead(500).end();
      });
      return;
    }
    if (routes?.(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  log.info({ port: bound }, routes ? 'web process listening' : 'worker health and metrics listening');
  return {
    port: bound,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The web process: Slack's commands, buttons and forms over HTTP (or Socket Mode), health and metrics. */
export async function startWeb(env: Env, deps: SlackDeps, log: Log, metrics: Metrics): Promise<Web> {
  // Who the bot is, asked once here, so that answering a request never waits on Slack's API.
  const identity = await new WebClient(env.SLACK_BOT_TOKEN, { slackApiUrl: env.SLACK_API_URL }).auth.test();
  const common = {
    token: env.SLACK_BOT_TOKEN,
    botId: identity.bot_id,
    botUserId: identity.user_id,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
    logger: boltLogger(log),
    customRoutes: [
      { path: '/healthz', method: ['GET'], handler: healthz },
      { path: '/metrics', method: ['GET'], handler: metricsOf(metrics) },
    ],
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
  const failure = tellFailure({ client: app.client, store: deps.store, t: deps.t, log });
  app.error((args: Parameters<typeof failure>[0]) => asReaderOf(args.context, () => failure(args)));
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
