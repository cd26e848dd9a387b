import { childOf, parseXml, textOf, type XmlElement } from './xml.js';

/** Who sent a callback, when (seconds since the epoch, as WeCom counts) and to which app. */
interface Origin {
  from: string;
  createTime: number;
  agentId: number;
}

/** A choice made on a vote or multiple-choice card; a button card has none. */
export interface SelectedItem {
  questionKey: string;
  optionIds: string[];
}

/** What a decrypted callback says, as far as Redress listens; anything else is `other`, with its fields. */
export type WecomEvent =
  | (Origin & {
      /** A button pressed on a template card (`Event=template_card_event`). */
      kind: 'card-click';
      eventKey: string;
      taskId: string;
      cardType: string;
      /** Lets the app update this card once, within 72 hours (message/update_template_card). */
      responseCode: string;
      selected: SelectedItem[];
    })
  | (Origin & { kind: 'text'; msgId: string; content: string })
  /** A click item of the app's menu (`Event=click`): its key, as the menu was set up. */
  | (Origin & { kind: 'menu-click'; eventKey: string })
  | (Origin & { kind: 'enter-agent' })
  | (Origin & {
      kind: 'other';
      msgType: string;
      event: string;
      msgId?: string;
      fields: Record<string, string>;
    });

/** A callback that is not a WeCom message: a field every message has is missing or malformed. */
export class WecomEventError extends Error {
  readonly code = 'wecom-event';
}

function selectedItems(root: XmlElement): SelectedItem[] {
  const items = childOf(root, 'SelectedItems')?.children.filter((c) => c.name === 'SelectedItem') ?? [];
  return items.map((item) => ({
    questionKey: textOf(item, 'QuestionKey') ?? '',
    optionIds: (childOf(item, 'OptionIds')?.children ?? [])
      .filter((c) => c.name === 'OptionId')
      .map((c) => c.text.trim()),
  }));
}

/** Reads the XML inside a callback (after `openMessage`) into an event. */
export function parseEvent(xml: string): WecomEvent {
  const root = parseXml(xml);
  const need = (name: string) => {
    const value = textOf(root, name);
    if (!value) throw new WecomEventError(`the callback has no <${name}>`);
    return value;
  };
  const number = (name: string) => {
    const value = need(name);
    if (!/^\d+$/.test(value)) throw new WecomEventError(`<${name}> is not a number: ${value.slice(0, 20)}`);
    return Number(value);
  };
  const origin: Origin = {
    from: need('FromUserName'),
    createTime: number('CreateTime'),
    agentId: textOf(root, 'AgentID') ? number('AgentID') : 0,
  };
  const msgType = need('MsgType');
  const event = textOf(root, 'Event') ?? '';
  if (msgType === 'event' && event === 'template_card_event')
    return {
      ...origin,
      kind: 'card-click',
      eventKey: need('EventKey'),
      taskId: need('TaskId'),
      cardType: textOf(root, 'CardType') ?? '',
      responseCode: need('ResponseCode'),
      selected: selectedItems(root),
    };
  if (msgType === 'text')
    return { ...origin, kind: 'text', msgId: need('MsgId'), content: textOf(root, 'Content') ?? '' };
  if (msgType === 'event' && event === 'enter_agent') return { ...origin, kind: 'enter-agent' };
  if (msgType === 'event' && event === 'click')
    return { ...origin, kind: 'menu-click', eventKey: textOf(root, 'EventKey') ?? '' };
  const fields = Object.fromEntries(
    root.children.filter((c) => c.children.length === 0).map((c) => [c.name, c.text.trim()]),
  );
  const msgId = textOf(root, 'MsgId');
  return { ...origin, kind: 'other', msgType, event, ...(msgId ? { msgId } : {}), fields };
}

/**
 * The same for every delivery of one callback: WeCom posts again when no answer came within 5 seconds. A message
 * has its MsgId; an event has none, so it is known by who sent it, when, and (for a card) which card.
 */
export function dedupeKey(event: WecomEvent): string {
  if (event.kind === 'text') return `msg:${event.msgId}`;
  if (event.kind === 'other' && event.msgId) return `msg:${event.msgId}`;
  // Two buttons of one card pressed within a second are two presses; a retry repeats the same key.
  const what =
    event.kind === 'card-click'
      ? `card:${event.taskId}:${event.eventKey}`
      : event.kind === 'menu-click'
        ? `menu:${event.eventKey}`
        : `event:${event.kind === 'other' ? event.event : event.kind}`;
  return `${what}:${event.from}:${event.createTime}`;
}
