import type { Policy } from '../domain/policy.js';
import { type CaseSearch, findSearch, listScope } from '../domain/visibility.js';

/**
 * What a member asks Redress in words: Slack's `/complaint …`, or a message to the WeCom app. Each command has
 * an English and a Chinese word, whichever the member's chat speaks.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'show'; number: string }
  | { kind: 'find'; text: string }
  /** `page` counts from 0; people count it from 1. */
  | { kind: 'list'; page: number }
  | { kind: 'export'; argument: string }
  /** No command word: on Slack, the summary the registration form opens with. */
  | { kind: 'none'; text: string };

/** Cases a page of `list` or `find` shows. */
export const PAGE_SIZE = 10;

/** Characters of a search kept: plenty for a phone or a few words, and few enough to ride in Slack's More button. */
export const FIND_TEXT_MAX = 200;

/** The words of each command. */
const WORDS = {
  help: ['help', '帮助', '用法'],
  show: ['show', '查看'],
  find: ['find', 'search', '查找', '搜索'],
  list: ['list', 'mine', '列表', '我的案件'],
  export: ['export', '导出'],
} as const;
type Word = keyof typeof WORDS;

/** The first word of the text as a command and what follows it; null when it starts with no command word. */
function commandWord(text: string): { word: Word; argument: string } | null {
  const lower = text.toLowerCase();
  for (const [word, spellings] of Object.entries(WORDS) as [Word, readonly string[]][]) {
    // Longest first, so that 我的案件 is not read as a shorter word.
    for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) {
      if (!lower.startsWith(spelling)) continue;
      const rest = text.slice(spelling.length);
      // `shows` and `查看订单…` (a summary) are no command; `查看202611-0007`, written without a space, is one.
      const latin = /^[a-z]+$/.test(spelling);
      if (rest !== '' && !/^\s/.test(rest) && (latin || !/^[\d+]/.test(rest))) continue;
      return { word, argument: rest.trim() };
    }
  }
  return null;
}

/** A list's page as people write it (`list 2`): the second page, 1. Anything else: the first. */
function pageOf(argument: string): number {
  const page = /^\d{1,4}$/.test(argument) ? Number(argument) : 1;
  return Math.max(page, 1) - 1;
}

/** Reads what a member wrote; `show` and `find` with nothing to look for are a request for help. */
export function parseCommand(input: string): Command {
  const text = input.trim();
  const command = commandWord(text);
  if (!command) return { kind: 'none', text };
  const { word, argument } = command;
  switch (word) {
    case 'help':
      return { kind: 'help' };
    case 'show':
      return argument ? { kind: 'show', number: argument } : { kind: 'help' };
    case 'find':
      return argument ? { kind: 'find', text: argument } : { kind: 'help' };
    case 'list':
      return { kind: 'list', page: pageOf(argument) };
    case 'export':
      return { kind: 'export', argument };
  }
}

/**
 * The search a `list` or a `find` makes on the asker's behalf: a list of the open cases they can act on, or a
 * search that finds the cases they are on, and others only by the whole phone (visibility.ts decides).
 */
export function searchOf(
  kind: 'list' | 'find',
  text: string,
  viewer: string,
  policy: Pick<Policy, 'gm' | 'csManager' | 'departments' | 'country'>,
): CaseSearch {
  return kind === 'list'
    ? { kind: 'list', scope: listScope(viewer, policy), viewer }
    : findSearch(text, viewer, policy);
}

/** Whether a command looks a case up (show, find): counted against the asker's lookups (jobs/lookup-limit.ts). */
export const isLookup = (command: Command) => command.kind === 'show' || command.kind === 'find';
