import { contactForm } from '../../src/app/forms/contact-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, dateValue, inputValue } from './form.js';

/** The contact form was submitted: the contact joins the timeline; a major case's callback is done. */
export const contactSubmit = ({ logContact, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    contactForm,
    (view) => ({
      at: dateValue(view.state.values, 'at'),
      how: inputValue(view.state.values, 'how'),
      what: inputValue(view.state.values, 'what'),
    }),
    logContact,
  );
