import type { IncomingMessage, ServerResponse } from 'node:http';
import { CASE_FORM_NAMES } from '../../src/app/forms/case-forms.js';
import { CASE_PAGE } from '../../src/chat/wecom/page-paths.js';
import type { DomainProof } from '../../src/config.js';
import type { Routes } from '../../src/web.js';
import { wecomCallback } from './callback.js';
import { caseFormPageOf } from './case-form-page.js';
import { casePageOf } from './case-page.js';
import type { WecomDeps } from './deps.js';
import { registerFormPage } from './form-page.js';
import { answer } from './http.js';

/** The trusted domain's verification file, as the admin console gave it. */
const domainProofFile =
  ({ content }: DomainProof) =>
  async (req: IncomingMessage, res: ServerResponse) =>
    req.method === 'GET' ? answer(res, 200, content) : answer(res, 405);

/** Binds WeCom's paths to their handlers: the callback URL, the registration form, and the pages about a case. */
export function wecomRoutes(deps: WecomDeps): Routes {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    '/wecom/callback': wecomCallback(deps),
    '/wecom/forms/register': registerFormPage(deps),
    [`/wecom/forms/${CASE_PAGE}`]: casePageOf(deps),
    ...Object.fromEntries(
      CASE_FORM_NAMES.map((form) => [`/wecom/forms/${form}`, caseFormPageOf(deps, form)]),
    ),
    // WeCom fetches it from the domain's root before it trusts the domain for sign-in (可信域名).
    ...(deps.domainProof ? { [`/${deps.domainProof.name}`]: domainProofFile(deps.domainProof) } : {}),
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
