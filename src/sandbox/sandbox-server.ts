import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { listenSandbox, readJson, send } from './sandbox-http.js';
import type { LimitCheck, SandboxSlack } from './slack-api.js';
import { buttonPress, signed, slashCommand, viewSubmission } from './slack-requests.js';

/** The page, its script and its style, served as they are: no build step. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};
const PAGE_DIR = new URL('./page/', import.meta.url);
/** A comment on the event stream now and then, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

const who = { user: z.string().regex(/^U[A-Z0-9]+$/), client: z.string().min(1).max(100) };
const commandBody = z.object({ ...who, channel: z.string(), text: z.string().max(3000) });
const actionBody = z.object({
  ...who,
  channel: z.string(),
  ts: z.string(),
  ephemeral: z.boolean(),
  blockId: z.string(),
  actionId: z.string(),
  value: z.string(),
});
const submitBody = z.object({
  client: z.string(),
  viewId: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
});

export interface SandboxServerDeps {
  slack: SandboxSlack;
  /** What the page needs to draw itself: people, words, the channel, the deadlines. */
  state: () => object;
  secret: string;
  /** The app's own `POST /slack/events` and its port, once it listens. */
  app: () => { events: string; base: string };
  check: LimitCheck;
  weeklyReport: () => Promise<void>;
}

/** The sandbox's own web server: the page, its live events, what the page does as a person, and Slack's API. */
export async function startSandboxServer(port: number, deps: SandboxServerDeps) {
  const { slack } = deps;

  /** Sends a request to the app as Slack would, signed; answers with the app's answer, parsed. */
  async function toApp(body: string): Promise<{ status: number; answer: Record<string, unknown> | null }> {
    const response = await fetch(deps.app().events, {
      method: 'POST',
      headers: signed(body, deps.secret),
      body,
    });
    const text = await response.text();
    return { status: response.status, answer: /^\s*\{/.test(text) ? JSON.parse(text) : null };
  }

  function stream(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(`data: ${JSON.stringify({ type: 'hello', ...deps.state(), messages: slack.messages })}\n\n`);
    const stop = slack.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const beat = setInterval(() => res.write(': beat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      stop();
      clearInterval(beat);
    });
  }

  async function submit(res: ServerResponse, body: z.infer<typeof submitBody>) {
    const open = slack.view(body.viewId);
    if (!open || open.client !== body.client) return send(res, 404, { error: 'view_not_found' });
    const { status, answer } = await toApp(
      viewSubmission(open, body.values, slack.trigger(open.user, open.client)),
    );
    if (status !== 200) return send(res, 502, { error: `the app answered ${status}` });
    const action = answer?.response_action;
    if (action === 'errors') return send(res, 200, { errors: answer?.errors ?? {} });
    if (action === 'update' || action === 'push') {
      const view = answer?.view as Record<string, unknown>;
      const broken = deps.check('views.update', { view });
      if (broken.length > 0) return send(res, 200, { refused: broken });
      slack.replaceView(open.id, view);
      return send(res, 200, { view: slack.view(open.id) });
    }
    slack.closeView(open.id);
    return send(res, 200, { close: true });
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const asset = ASSETS[path];
    if (req.method === 'GET' && asset) {
      const body = await readFile(new URL(asset.file, PAGE_DIR));
      return res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' }).end(body);
    }
    if (req.method === 'GET' && path === '/sandbox/stream') return stream(req, res);
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/favicon.ico') return res.writeHead(204).end();
    if (req.method === 'GET' && path === '/metrics') {
      const metrics = await fetch(`${deps.app().base}/metrics`);
      return res
        .writeHead(metrics.status, { 'content-type': metrics.headers.get('content-type') ?? 'text/plain' })
        .end(await metrics.text());
    }
    if (req.method === 'GET' && path.startsWith('/sandbox/files/')) {
      const file = slack.file(path.slice('/sandbox/files/'.length));
      if (!file) return send(res, 404, { error: 'file_not_found' });
      const disposition = `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`;
      return res
        .writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition })
        .end(file.body);
    }
    if (req.method !== 'POST') return send(res, 404, { error: 'not_found' });
    if (path.startsWith('/api/') || path.startsWith('/upload/')) return slack.serve(req, res, path);
    if (path === '/sandbox/command') {
      const b = commandBody.parse(await readJson(req));
      const { status } = await toApp(
        slashCommand(b.user, b.channel, b.text, slack.trigger(b.user, b.client)),
      );
      return send(res, status === 200 ? 200 : 502, { ok: status === 200 });
    }
    if (path === '/sandbox/action') {
      const b = actionBody.parse(await readJson(req));
      const { status } = await toApp(buttonPress(b.user, b, slack.trigger(b.user, b.client)));
      return send(res, status === 200 ? 200 : 502, { ok: status === 200 });
    }
    if (path === '/sandbox/submit') return submit(res, submitBody.parse(await readJson(req)));
    if (path === '/sandbox/close') {
      slack.closeView(z.object({ viewId: z.string() }).parse(await readJson(req)).viewId);
      return send(res, 200, { ok: true });
    }
    if (path === '/sandbox/report') {
      await deps.weeklyReport();
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: 'not_found' });
  }

  return listenSandbox(port, route);
}
