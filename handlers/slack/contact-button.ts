import { contactModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Log contact (记录回访): opens the form for a contact with the customer, for the owner or a manager. */
export const contactButton = (deps: SlackDeps) => caseFormButton(deps, contactModal, 'contact');
