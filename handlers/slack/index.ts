import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import { ids } from '../../src/chat/blocks.js';
import { acknowledgeButton } from './acknowledge-button.js';
import { approveButton } from './approve-button.js';
import { classButton } from './class-button.js';
import { classSubmit } from './class-submit.js';
import { closeButton } from './close-button.js';
import { complaintCommand } from './complaint-command.js';
import { complaintSubmit } from './complaint-submit.js';
import { contactButton } from './contact-button.js';
import { contactSubmit } from './contact-submit.js';
import type { SlackDeps } from './deps.js';
import { escalateButton } from './escalate-button.js';
import { extendButton } from './extend-button.js';
import { extendSubmit } from './extend-submit.js';
import { noteReceived } from './failure.js';
import { homeOpened } from './home-opened.js';
import { moreButton } from './more-button.js';
import { understood } from './not-understood.js';
import { readerOfRequest } from './reader.js';
import { reassignButton } from './reassign-button.js';
import { reassignSubmit } from './reassign-submit.js';
import { rejectButton } from './reject-button.js';
import { reopenButton } from './reopen-button.js';
import { reopenSubmit } from './reopen-submit.js';
import { reportMessageShortcut } from './report-message.js';
import { resolveButton } from './resolve-button.js';
import { resolveSubmit } from './resolve-submit.js';
import { rootCauseButton } from './root-cause-button.js';
import { rootCauseSubmit } from './root-cause-submit.js';
import { showButton } from './show-button.js';
import { verdictButton } from './verdict-button.js';
import { verdictSubmit } from './verdict-submit.js';
import { verifyFixButton } from './verify-fix-button.js';

/** Binds every Slack command, shortcut, event, view and action id to its handler. */
export function register(app: App, deps: SlackDeps): void {
  app.use(noteReceived);
  app.use(readerOfRequest(deps.readers));
  app.use(understood(deps.t));
  app.command('/complaint', complaintCommand(deps));
  app.shortcut<MessageShortcut>(ids.reportMessage, reportMessageShortcut(deps));
  app.event('app_home_opened', homeOpened(deps));
  app.view(ids.complaintView, complaintSubmit(deps));
  app.view(ids.resolveView, resolveSubmit(deps));
  app.view(ids.contactView, contactSubmit(deps));
  app.view(ids.extendView, extendSubmit(deps));
  app.view(ids.rootCauseView, rootCauseSubmit(deps));
  app.view(ids.reopenView, reopenSubmit(deps));
  app.view(ids.verdictView, verdictSubmit(deps));
  app.view(ids.changeClassView, classSubmit(deps));
  app.view(ids.reassignView, reassignSubmit(deps));
  app.action(ids.acknowledge, acknowledgeButton(deps));
  app.action(ids.resolve, resolveButton(deps));
  app.action(ids.contact, contactButton(deps));
  app.action(ids.extend, extendButton(deps));
  app.action(ids.rootCause, rootCauseButton(deps));
  app.action(ids.verifyFix, verifyFixButton(deps));
  app.action(ids.close, closeButton(deps));
  app.action(ids.reopen, reopenButton(deps));
  app.action(ids.verdict, verdictButton(deps));
  app.action(ids.changeClass, classButton(deps));
  app.action(ids.reassign, reassignButton(deps));
  app.action(ids.approve, approveButton(deps));
  app.action(ids.reject, rejectButton(deps));
  app.action(ids.escalate, escalateButton(deps));
  app.action(ids.more, moreButton(deps));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^${ids.show}\\.`) },
    showButton(deps),
  );
}
