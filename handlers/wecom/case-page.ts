import { CASE_FORM_NAMES, CASE_FORMS } from '../../src/app/forms/case-forms.js';
import { parseCardKey, statusText } from '../../src/chat/wecom/cards.js';
import { casePage } from '../../src/chat/wecom/case-pages.js';
import { CASE_PAGE, formPath } from '../../src/chat/wecom/page-paths.js';
import { messagePage } from '../../src/chat/wecom/pages.js';
import type { Case } from '../../src/domain/case.js';
import { type CaseAction, refusalOf } from '../../src/domain/permissions.js';
import { approverOf, isOnCase } from '../../src/domain/visibility.js';
import { BUTTON_PERMISSION, caseAction } from './case-action.js';
import type { WecomDeps } from './deps.js';
import { answer } from './http.js';
import { refusalText } from './refusal.js';
import { HTML, type PageRequest, signedInPage } from './signed-in-page.js';

const BUTTONS = Object.keys(BUTTON_PERMISSION) as (keyof typeof BUTTON_PERMISSION)[];

/**
 * `GET|POST /wecom/forms/case?case=<number>`: the case's page, opened by a card's "More actions" or the complaints
 * chat's link: where the case stands, the buttons its reader may press and the forms they may fill in now. Only the
 * people on the case see it; a pressed button runs what the same button of a card runs.
 */
export const casePageOf = (deps: WecomDeps) => {
  const { policy, store } = deps;
  const act = caseAction(deps);

  /** The case the page is about, if its reader is on it; otherwise the page says why not. */
  async function caseFor({ res, t, locale, query }: PageRequest, member: string): Promise<Case | null> {
    const number = query.get('case') ?? '';
    const c = /^\d{6}-\d{4,}$/.test(number) ? await store.get(number) : null;
    const title = t('card.title', { number: number.slice(0, 20) });
    const refuse = (status: number, text: string) =>
      answer(res, status, messagePage(locale, title, text, [], true), HTML);
    if (!c) refuse(404, t('refusal.not_found', { number: number.slice(0, 20) }));
    // The stand-in who decides on a compensation when the case is about the GM is on it for that.
    else if (!isOnCase(c, member, policy) && approverOf(c, policy) !== member)
      refuse(403, t('refusal.not_involved'));
    else return c;
    return null;
  }

  return signedInPage(deps, {
    title: 'wecom.button.actions',
    async show(request, member, session) {
      const c = await caseFor(request, member);
      if (!c) return;
      const roles = { ...policy, gm: approverOf(c, policy) ?? policy.gm };
      const may = (action: CaseAction) => !refusalOf(action, c, member, roles);
      const offer = {
        session,
        buttons: BUTTONS.filter((button) => may(BUTTON_PERMISSION[button])),
        forms: CASE_FORM_NAMES.filter((form) => may(CASE_FORMS[form].permission)),
      };
      answer(request.res, 200, casePage(request.t, request.locale, policy, c, offer), HTML);
    },
    async submit(request, session, sent) {
      const c = await caseFor(request, session.userId);
      if (!c) return;
      const { res, t, locale } = request;
      const key = parseCardKey(sent.get('do') ?? '');
      if (!key || key.number !== c.number) return answer(res, 400);
      const outcome = await act(key, session.userId);
      const said =
        (await refusalText(deps.names, t, c.number, outcome)) ??
        t('wecom.form.saved', {
          number: c.number,
          status: statusText(t, outcome.kind === 'ok' ? outcome.case : c),
        });
      const back = { href: formPath(CASE_PAGE, c.number), label: t('wecom.case.open') };
      const status = outcome.kind === 'ok' ? 200 : 409;
      answer(
        res,
        status,
        messagePage(locale, t('card.title', { number: c.number }), said, [back], status !== 200),
        HTML,
      );
    },
  });
};
