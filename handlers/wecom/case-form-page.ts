import { z } from 'zod';
import { CASE_FORMS, type CaseForm, type CaseFormName } from '../../src/app/forms/case-forms.js';
import type { Outcome } from '../../src/app/transact.js';
import { fieldErrors } from '../../src/chat/field-errors.js';
import { statusText } from '../../src/chat/wecom/cards.js';
import {
  CASE_FORM_WORDS,
  caseFormFields,
  caseFormPage,
  sentValues,
} from '../../src/chat/wecom/case-pages.js';
import { WECOM_USERID } from '../../src/chat/wecom/ids.js';
import { CASE_PAGE, formPath } from '../../src/chat/wecom/page-paths.js';
import { messagePage } from '../../src/chat/wecom/pages.js';
import type { Case } from '../../src/domain/case.js';
import { refusalOf } from '../../src/domain/permissions.js';
import { isOnCase } from '../../src/domain/visibility.js';
import type { WecomDeps } from './deps.js';
import { answer } from './http.js';
import { refusalText } from './refusal.js';
import { HTML, type PageRequest, signedInPage } from './signed-in-page.js';

/** A member of the company, named by their WeCom account. */
const wecomUser = z.string().trim().regex(WECOM_USERID, 'error.userid');

/**
 * `GET|POST /wecom/forms/<form>?case=<number>`: a form about a case (resolve, log a contact, need more time…) as a
 * page of the app, opened from a card's button or the case's page. It opens only for whom the form's action is
 * allowed, as Slack's buttons do; a sent form is checked by the same schema as Slack's modal, field errors come
 * back on the form with what was typed, and a valid one runs the same use case, once per opened page.
 */
export const caseFormPageOf = (deps: WecomDeps, name: CaseFormName) => {
  const { policy, store, clock } = deps;
  const form = CASE_FORMS[name] as CaseForm<unknown>;
  const title = CASE_FORM_WORDS[name].title;

  /** Says one thing instead of the form; with a way back to the case when there is one. */
  function say({ res, locale, t }: PageRequest, status: number, text: string, c?: Case) {
    const back = c ? [{ href: formPath(CASE_PAGE, c.number), label: t('wecom.case.open') }] : [];
    answer(res, status, messagePage(locale, t(title), text, back, status >= 400), HTML);
  }

  /** The case the page is about; a page about none says so. */
  async function caseOf(request: PageRequest): Promise<Case | null> {
    const number = request.query.get('case') ?? '';
    const c = /^\d{6}-\d{4,}$/.test(number) ? await store.get(number) : null;
    if (!c) say(request, 404, request.t('refusal.not_found', { number: number.slice(0, 20) }));
    return c;
  }

  /** Why nothing was done; with a way back to the case for whom the case is theirs to see. */
  async function refused(request: PageRequest, c: Case, outcome: Outcome, member: string) {
    const text = await refusalText(deps.names, request.t, c.number, outcome);
    if (text) say(request, 409, text, isOnCase(c, member, policy) ? c : undefined);
  }

  return signedInPage(deps, {
    title,
    async show(request, member, session) {
      const c = await caseOf(request);
      if (!c) return;
      const reason = refusalOf(form.permission, c, member, policy);
      if (reason) return refused(request, c, { kind: 'refused', reason, case: c }, member);
      const html = caseFormPage(request.t, request.locale, policy, name, c, { session }, clock.now());
      answer(request.res, 200, html, HTML);
    },
    async submit(request, session, sent, sealed) {
      const c = await caseOf(request);
      if (!c) return;
      const { t, locale, res } = request;
      const fields = caseFormFields(t, policy, name);
      const parsed = form
        .schema({ c, policy, person: wecomUser })
        .safeParse(sentValues(fields, sent, policy.timezone));
      if (!parsed.success) {
        const values = Object.fromEntries(sent);
        const errors = fieldErrors(parsed.error, t);
        const html = caseFormPage(
          t,
          locale,
          policy,
          name,
          c,
          { session: sealed, values, errors },
          clock.now(),
        );
        return answer(res, 422, html, HTML);
      }
      // One action per opened form: sending it again (a double tap, a reload) does not log a contact twice.
      if (!(await deps.requests.firstTime(`wecom.form.${session.page}`)))
        return say(request, 409, t('wecom.form.sentAlready'), c);
      const outcome = await form.act(deps)(c.number, session.userId, parsed.data);
      if (outcome.kind !== 'ok') return refused(request, c, outcome, session.userId);
      say(request, 200, t('wecom.form.saved', { number: c.number, status: statusText(t, outcome.case) }), c);
    },
  });
};
