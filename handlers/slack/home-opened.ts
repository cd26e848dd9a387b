import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { homeView } from '../../src/chat/home.js';
import type { SlackDeps } from './deps.js';

/**
 * `app_home_opened`: the person's Home is published afresh, in their language and time zone, and they are
 * remembered as one who reads it, so that a change to one of their cases publishes it again.
 */
export const homeOpened =
  ({ t, policy, reading, home, homeReaders }: SlackDeps) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & { client: WebClient }) => {
    if (event.tab !== 'home') return;
    await homeReaders.opened(event.user);
    const view = homeView(t, policy, await home(event.user), reading().timezone);
    await client.views.publish({ user_id: event.user, view });
  };
