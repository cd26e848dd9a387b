import type { IncomingMessage, ServerResponse } from 'node:http';
import { CASE_FORM_NAMES } from '../../src/app/forms/case-forms.js';
import { CASE_PAGE } from '../../src/chat/wecom/case-pages.js';
import type { Routes } from '../../src/web.js';
import { wecomCallback } from './callback.js';
import { caseFormPageOf } from './case-form-page.js';
import { casePageOf } from './case-page.js';
import type { WecomDeps } from './deps.js';
import { registerFormPage } from './form-page.js';
import { answer } from './http.js';

/** Binds WeCom's paths to their handlers: the callback URL, the registration form, and the pages about a case. */
export function wecomRoutes(deps: WecomDeps): Routes {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    '/wecom/callback': wecomCallback(deps),
    '/wecom/forms/register': registerFormPage(deps),
    [`/wecom/forms/${CASE_PAGE}`]: casePageOf(deps),
    ...Object.fromEntries(
      CASE_FORM_NAMES.map((form) => [`/wecom/forms/${form}`, caseFormPageOf(deps, form)]),
    ),
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
