import { clip } from '../../src/chat/blocks.js';
import { FIND_TEXT_MAX, PAGE_SIZE, searchOf } from '../../src/chat/commands.js';
import { translator } from '../../src/chat/i18n.js';
import { caseListMarkdown } from '../../src/chat/wecom/lists.js';
import { casePageUrl } from '../../src/chat/wecom/page-paths.js';
import { markdownTranslator } from '../../src/chat/wecom/text.js';
import { phoneFor } from '../../src/domain/visibility.js';
import type { WecomDeps } from './deps.js';
import { reply } from './reply.js';

/** What a list or a search asks for: `page` counts from 0. */
export type ListRequest = { kind: 'list' | 'find'; text: string; page: number };

/**
 * `list [page]` (列表) and `find <phone or words>` (查找), a page at a time, as markdown to the asker alone: the
 * open cases they can act on, or the cases they are on that match, and others only by the whole phone
 * (visibility.ts), never a case about them; each phone as they may see it.
 */
export const listCommand = (deps: WecomDeps) => {
  const md = markdownTranslator(translator(deps.policy.locale));
  return async (asker: string, request: ListRequest): Promise<void> => {
    const text = clip(request.text, FIND_TEXT_MAX);
    const search = searchOf(request.kind, text, asker, deps.policy);
    const { cases, more } = await deps.store.search(search, request.page, PAGE_SIZE);
    const title = request.kind === 'list' ? md('list.mine') : md('list.found', { text });
    // WeCom's text has no buttons: the member is told what to send for more.
    const next = !more
      ? undefined
      : request.kind === 'list'
        ? md('wecom.list.next', { page: request.page + 2 })
        : md('wecom.find.more');
    const name = await deps.names.of(cases.map((c) => c.owner));
    const phone = (c: (typeof cases)[number]) => phoneFor(c, asker, deps.policy);
    const markdown = caseListMarkdown(md, title, cases, phone, name, next, casePageUrl(deps.publicUrl));
    await reply(deps, asker, () => deps.api.sendMarkdown(asker, markdown));
  };
};
