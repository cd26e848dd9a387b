import { parseCardKey } from '../../src/chat/wecom/cards.js';

/**
 * What each button of a sent card does, as a member sees it: the action a click sends back (`acknowledge`), or the
 * page a link opens (`page:resolve`, `page:case`).
 */
export function buttonsOf(card: Record<string, unknown> | undefined): string[] {
  const list = (card?.button_list ?? []) as { key?: string; type?: number; url?: string }[];
  return list.map((b) =>
    b.type === 1
      ? `page:${new URL(String(b.url)).pathname.replace('/wecom/forms/', '')}`
      : String(parseCardKey(String(b.key))?.action),
  );
}
