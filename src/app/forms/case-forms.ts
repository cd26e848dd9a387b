import type { z } from 'zod';
import type { Case } from '../../domain/case.js';
import type { CaseAction } from '../../domain/permissions.js';
import type { Policy } from '../../domain/policy.js';
import type { MessageRef } from '../ports.js';
import type { Outcome } from '../transact.js';
import type { CaseUseCases } from '../use-cases.js';
import { classChangeForm } from './class-change-form.js';
import { contactForm } from './contact-form.js';
import { extensionForm } from './extension-form.js';
import { reassignForm } from './reassign-form.js';
import { reopenForm } from './reopen-form.js';
import { resolutionForm } from './resolution-form.js';
import { rootCauseForm } from './root-cause-form.js';
import { verdictForm } from './verdict-form.js';

/** What a form about a case is checked against: the case as stored, the policy, and how the chat names people. */
export interface FormContext {
  c: Case;
  policy: Policy;
  /** A person's id on the chat platform in use (a Slack user id, a WeCom userid). */
  person: z.ZodType<string>;
}

/** A form about one case: who may open it, what makes it valid, and the use case a valid one runs. */
export interface CaseForm<T> {
  permission: CaseAction;
  schema(context: FormContext): z.ZodType<T>;
  act(
    useCases: CaseUseCases,
  ): (number: string, actor: string, form: T, pressedIn?: MessageRef) => Promise<Outcome>;
}

const define = <T>(form: CaseForm<T>) => form;

/** Every form about a case, as every chat's adapter offers it; each adapter only lays out the fields. */
export const CASE_FORMS = {
  resolve: define({
    permission: 'resolve',
    schema: () => resolutionForm,
    act:
      ({ resolveCase }) =>
      (number, actor, { action, amount, resolution }, pressedIn) =>
        resolveCase(
          number,
          actor,
          { action, text: resolution, ...(amount !== undefined ? { amount } : {}) },
          pressedIn,
        ),
  }),
  contact: define({
    permission: 'contact',
    schema: ({ c }) => contactForm(c),
    act: ({ logContact }) => logContact,
  }),
  extend: define({
    permission: 'extend',
    schema: ({ policy }) => extensionForm(policy.maxExtension),
    act:
      ({ extendCase }) =>
      (number, actor, { promisedAt, reason }, pressedIn) =>
        extendCase(number, actor, { promisedAt, reason }, pressedIn),
  }),
  rootCause: define({
    permission: 'rootCause',
    schema: ({ policy, person }) => rootCauseForm(policy, person),
    act: ({ recordRootCause }) => recordRootCause,
  }),
  verdict: define({
    permission: 'verdict',
    schema: () => verdictForm,
    act:
      ({ recordVerdict }) =>
      (number, actor, { verdict, satisfaction, comment }, pressedIn) =>
        recordVerdict(
          number,
          actor,
          { accepted: verdict === 'accepted', satisfaction, ...(comment ? { comment } : {}) },
          pressedIn,
        ),
  }),
  changeClass: define({
    permission: 'changeClass',
    schema: () => classChangeForm,
    act:
      ({ changeClass }) =>
      (number, actor, change, pressedIn) =>
        changeClass(number, actor, change.class, change.reason, pressedIn),
  }),
  reassign: define({
    permission: 'reassign',
    schema: ({ person }) => reassignForm.extend({ owner: person.optional() }),
    act: ({ reassignCase }) => reassignCase,
  }),
  reopen: define({
    permission: 'reopen',
    schema: () => reopenForm,
    act:
      ({ reopenCase }) =>
      (number, actor, { reason }, pressedIn) =>
        reopenCase(number, actor, reason, pressedIn),
  }),
};

export type CaseFormName = keyof typeof CASE_FORMS;
export const CASE_FORM_NAMES = Object.keys(CASE_FORMS) as CaseFormName[];
