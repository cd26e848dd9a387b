/** Form answers as Slack sends them back, for the case forms the tests fill in. */

export const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });

export const select = (value: string | null) => ({
  value: {
    type: 'static_select',
    selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null,
  },
});

const ticked = (yes: boolean) => ({
  value: {
    type: 'checkboxes',
    selected_options: yes ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'yes' }] : [],
  },
});

const when = (at: Date) => ({
  value: { type: 'datetimepicker', selected_date_time: Math.floor(at.getTime() / 1000) },
});

/** A contact with the customer a moment ago. */
export const contactValues = (what: string, at = new Date(Date.now() - 1000)) => ({
  at: when(at),
  how: select('phone'),
  what: text(what),
});

/** Need more time: the new promise, its reason, the customer told. */
export const extendValues = (promisedAt: Date, reason: string) => ({
  promisedAt: when(promisedAt),
  reason: text(reason),
  informed: ticked(true),
});

/** What was done, and the compensation paid, if any. */
export const resolveValues = (action: string, resolution: string, amount: string | null = null) => ({
  action: select(action),
  amount: { value: { type: 'number_input', value: amount } },
  resolution: text(resolution),
});

/** The root cause form, its department the test policy's one. */
export const rootCauseValues = (cause: string) => ({
  cause: text(cause),
  corrective: text('Retrained the team'),
  preventive: text('A check on the packing list'),
  department: select('delivery'),
});

/** The customer's verdict. */
export const verdictValues = (accepted: boolean, satisfaction: number, comment = '') => ({
  verdict: select(accepted ? 'accepted' : 'rejected'),
  satisfaction: select(String(satisfaction)),
  comment: text(comment),
});
