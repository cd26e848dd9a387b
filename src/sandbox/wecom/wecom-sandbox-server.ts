import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { listenSandbox, readJson, readRaw, send } from '../sandbox-http.js';
import { type FakeWecom, OAUTH_PATH, type Received } from './wecom-api.js';

/** The page, its script and its style, served as they are: no build step. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox/wecom/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/wecom/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};
const PAGE_DIR = new URL('../page/wecom/', import.meta.url);
/** What the sandbox passes on between the browser and the app, as a reverse proxy in front of it would. */
const PASSED_HEADERS = [
  'content-type',
  'accept-language',
  'location',
  'cache-control',
  'content-disposition',
];

export interface WecomSandboxServerDeps {
  wecom: FakeWecom;
  /** Who may be chosen on the page, and the complaints chat's chatid. */
  members: string[];
  chatId: string;
  /** What the page needs to draw itself: words, people, the deadlines. */
  hello: () => object;
  /** The app's own address on 127.0.0.1, once it listens. */
  app: () => string;
  /** The app's public address (WECOM_PUBLIC_URL): this server's. */
  publicUrl: () => string;
  /** Asks the worker for this week's report to the GM now. */
  weeklyReport: () => Promise<void>;
}

/** A message as the page shows it: no response codes, and media as a link instead of its bytes. */
function shown(m: Received, id: number, update?: FakeWecom['updates'][number]) {
  return {
    id,
    at: m.at,
    msgtype: m.msgtype,
    ...(m.content ? { content: m.content } : {}),
    ...(m.card ? { card: update?.card ?? m.card } : {}),
    ...(update ? { updated: true, ...(update.replaceName ? { replaceName: update.replaceName } : {}) } : {}),
    ...(m.media ? { media: { name: m.media.filename, url: `/sandbox/wecom/media/${m.media.mediaId}` } } : {}),
  };
}

/**
 * The WeCom sandbox's web server: the page, what a member received, what a member does (a click, a message) sent
 * to the app as WeCom's encrypted callback, WeCom's sign-in page, and the app's pages at this one address.
 */
export async function startWecomSandboxServer(port: number, deps: WecomSandboxServerDeps) {
  const { wecom } = deps;
  // Only the members of the sandbox's company: WeCom signs in and hears from no one else.
  const member = z.string().refine((id) => deps.members.includes(id), 'not a member of the sandbox');
  const clickBody = z.object({ member, taskId: z.string().min(1), key: z.string().min(1) });
  const sayBody = z.object({ member, text: z.string().min(1).max(2048) });
  /** Which card each click's response code may update: WeCom updates the card that was clicked. */
  const clicked = new Map<string, string>();

  /** Posts what WeCom would post to the app's callback; the app answers `success` at once. */
  async function callback(xml: string): Promise<boolean> {
    const { query, body } = wecom.callback(xml);
    const answer = await fetch(`${deps.app()}/wecom/callback?${query}`, { method: 'POST', body });
    return answer.ok && (await answer.text()) === 'success';
  }

  function state(who: string) {
    const latest = new Map<string, FakeWecom['updates'][number]>();
    for (const update of wecom.updates) {
      const taskId = clicked.get(update.responseCode);
      if (taskId) latest.set(taskId, update);
    }
    const all = wecom.received.map((m, i) => ({ m, i }));
    const counts = Object.fromEntries(deps.members.map((id) => [id, 0]));
    for (const { m } of all) if (m.to in counts) counts[m.to] = (counts[m.to] ?? 0) + 1;
    return {
      messages: all
        .filter(({ m }) => m.to === who)
        .map(({ m, i }) => shown(m, i, latest.get(String(m.card?.task_id)))),
      chat: all.filter(({ m }) => m.to === deps.chatId).map(({ m, i }) => shown(m, i)),
      counts,
      refused: wecom.refused,
    };
  }

  /** The app's pages, passed on as they are: the sandbox's address is the app's public one. */
  async function toApp(req: IncomingMessage, res: ServerResponse) {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readRaw(req);
    const headers = (from: (name: string) => string | null | undefined) =>
      Object.fromEntries(PASSED_HEADERS.flatMap((name) => (from(name) ? [[name, String(from(name))]] : [])));
    const answer = await fetch(`${deps.app()}${req.url}`, {
      method: req.method,
      headers: headers((name) => req.headers[name] as string | undefined),
      body,
      redirect: 'manual',
    });
    res.writeHead(
      answer.status,
      headers((name) => answer.headers.get(name)),
    );
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    const asset = ASSETS[path];
    if (req.method === 'GET' && asset) {
      const body = await readFile(new URL(asset.file, PAGE_DIR));
      return res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' }).end(body);
    }
    if (path.startsWith('/wecom/')) return toApp(req, res);
    if (path === OAUTH_PATH) return wecom.serve(req, res);
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/favicon.ico') return res.writeHead(204).end();
    if (req.method === 'GET' && path === '/sandbox/wecom/hello') return send(res, 200, deps.hello());
    if (req.method === 'GET' && path === '/sandbox/wecom/state') {
      return send(res, 200, state(member.parse(url.searchParams.get('member'))));
    }
    if (req.method === 'GET' && path === '/sandbox/wecom/open') {
      // WeCom's browser is signed in as the member: a page of the app opens through sign-in as them.
      const who = member.parse(url.searchParams.get('member'));
      const page = new URL(z.string().parse(url.searchParams.get('url')), deps.publicUrl());
      if (page.origin !== new URL(deps.publicUrl()).origin || !page.pathname.startsWith('/wecom/'))
        return send(res, 400, { error: 'only the app’s own pages open here' });
      wecom.signInBrowser(who, page.host);
      return res.writeHead(302, { location: page.toString() }).end();
    }
    if (req.method === 'GET' && path.startsWith('/sandbox/wecom/media/')) {
      const media = wecom.media(path.slice('/sandbox/wecom/media/'.length));
      if (!media) return send(res, 404, { error: 'media_not_found' });
      const disposition = `attachment; filename="${media.filename.replace(/[^\w.-]/g, '_')}"`;
      return res
        .writeHead(200, { 'content-type': media.contentType, 'content-disposition': disposition })
        .end(media.bytes);
    }
    if (req.method !== 'POST') return send(res, 404, { error: 'not_found' });
    const json = await readJson(req);
    if (path === '/sandbox/wecom/click') {
      const b = clickBody.parse(json);
      const click = wecom.click(b.member, b.taskId, b.key);
      clicked.set(click.responseCode, click.taskId);
      return send(res, 200, { ok: await callback(click.xml) });
    }
    if (path === '/sandbox/wecom/say') {
      const b = sayBody.parse(json);
      return send(res, 200, { ok: await callback(wecom.message(b.member, b.text).xml) });
    }
    if (path === '/sandbox/wecom/report') {
      await deps.weeklyReport();
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: 'not_found' });
  }

  return listenSandbox(port, route);
}
