import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Routes } from '../../src/web.js';
import { wecomCallback } from './callback.js';
import type { WecomDeps } from './deps.js';
import { registerFormPage } from './form-page.js';
import { answer } from './http.js';

/** Binds WeCom's paths to their handlers: the callback URL and the registration form. */
export function wecomRoutes(deps: WecomDeps): Routes {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    '/wecom/callback': wecomCallback(deps),
    '/wecom/forms/register': registerFormPage(deps),
  };
  return (req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://redress').pathname];
    if (!route) return false;
    route(req, res).catch((error: unknown) => {
      deps.log.error({ err: error, path: req.url?.split('?')[0] }, 'a WeCom request failed');
      if (!res.headersSent) answer(res, 500);
    });
    return true;
  };
}
