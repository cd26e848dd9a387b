import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { listCases } from './look-up.js';
import { type ButtonArgs, replyTo } from './reply.js';

const page = z.object({ kind: z.enum(['list', 'find']), text: z.string(), page: z.number().int().min(0) });

/** More (更多), under a list or a search: the next page, searched again for the presser. */
export const moreButton =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    await listCases(deps, client, replyTo(body), page.parse(JSON.parse(action.value ?? '')));
  };
