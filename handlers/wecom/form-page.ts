import { z } from 'zod';
import { fieldErrors } from '../../src/chat/field-errors.js';
import { WECOM_USERID } from '../../src/chat/wecom/ids.js';
import { messagePage } from '../../src/chat/wecom/pages.js';
import { REGISTER_PATH, registerPage } from '../../src/chat/wecom/register-page.js';
import { complaintSchema } from '../../src/domain/complaint.js';
import type { WecomDeps } from './deps.js';
import { answer } from './http.js';
import { HTML, signedInPage } from './signed-in-page.js';

/**
 * `GET|POST /wecom/forms/register`, the registration form as a page of the app, for members WeCom signed in. POST
 * validates as the Slack form does: field errors come back on the form with what was typed; a valid form is
 * registered, and the page answers with the case number.
 */
export const registerFormPage = (deps: WecomDeps) => {
  const { policy } = deps;
  // The person complained about is named by their WeCom account (userid).
  const schema = complaintSchema(policy, z.string().trim().regex(WECOM_USERID, 'error.userid'));

  return signedInPage(deps, {
    title: 'modal.complaint.title',
    async show({ res, t, locale }, _member, session) {
      answer(res, 200, registerPage(t, locale, policy, { session }), HTML);
    },
    async submit({ res, t, locale }, session, fields, sealed) {
      const typed = Object.fromEntries(fields);
      const text = (name: string) => typed[name] ?? '';
      const parsed = schema.safeParse({
        customerName: text('customerName'),
        customerPhone: text('customerPhone'),
        summary: text('summary'),
        demand: text('demand'),
        address: text('address') || undefined,
        item: text('item') || undefined,
        category: text('category') || undefined,
        class: Number(text('class')),
        channel: text('channel') || undefined,
        department: text('department') || undefined,
        respondent: text('respondent') || undefined,
        compensation: fields.has('compensation'),
        recurrence: fields.has('recurrence'),
      });
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error, t);
        const page = registerPage(t, locale, policy, { session: sealed, values: typed, errors });
        return answer(res, 422, page, HTML);
      }
      // One registration per page: sending it again (a double tap, a reload) gives back the case it made.
      const registration = await deps.registerComplaint({
        complaint: parsed.data,
        receiver: session.userId,
        submissionKey: `wecom.${session.page}`,
      });
      const said =
        registration.kind === 'stored'
          ? t('wecom.form.registered', { number: registration.case.number })
          : t('modal.queued.text');
      const another = { href: REGISTER_PATH, label: t('wecom.form.another') };
      answer(res, 200, messagePage(locale, t('modal.registered.title'), said, [another]), HTML);
    },
  });
};
