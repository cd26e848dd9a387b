import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/chat/commands.js';
import { exportRequest } from '../../src/chat/register-export.js';
import { dedupeKey, parseEvent } from '../../src/chat/wecom/events.js';
import { buildXml } from '../../src/chat/wecom/xml.js';

describe('commands in words', () => {
  it('reads each command in English and in Chinese', () => {
    expect(parseCommand('show 202611-0007')).toEqual({ kind: 'show', number: '202611-0007' });
    expect(parseCommand('查看 202611-0007')).toEqual({ kind: 'show', number: '202611-0007' });
    expect(parseCommand('find 138 1234 5678')).toEqual({ kind: 'find', text: '138 1234 5678' });
    expect(parseCommand('查找 王女士')).toEqual({ kind: 'find', text: '王女士' });
    expect(parseCommand('搜索 汤')).toEqual({ kind: 'find', text: '汤' });
    expect(parseCommand('list')).toEqual({ kind: 'list', page: 0 });
    expect(parseCommand('列表')).toEqual({ kind: 'list', page: 0 });
    expect(parseCommand('我的案件')).toEqual({ kind: 'list', page: 0 });
    expect(parseCommand('export 2026-11 xlsx')).toEqual({ kind: 'export', argument: '2026-11 xlsx' });
    expect(parseCommand('导出')).toEqual({ kind: 'export', argument: '' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('帮助')).toEqual({ kind: 'help' });
  });

  it('takes any case of letters, spaces around, a full-width space, and a Chinese word run into a number', () => {
    expect(parseCommand('  SHOW   202611-0007 ')).toEqual({ kind: 'show', number: '202611-0007' });
    expect(parseCommand('查看\u3000202611-0007')).toEqual({ kind: 'show', number: '202611-0007' });
    expect(parseCommand('查看202611-0007')).toEqual({ kind: 'show', number: '202611-0007' });
    expect(parseCommand('查找13812345678')).toEqual({ kind: 'find', text: '13812345678' });
    expect(parseCommand('导出2026-11')).toEqual({ kind: 'export', argument: '2026-11' });
  });

  it('counts list pages from 1 as people do, and from 0 as the store does', () => {
    expect(parseCommand('list 2')).toEqual({ kind: 'list', page: 1 });
    expect(parseCommand('列表 3')).toEqual({ kind: 'list', page: 2 });
    expect(parseCommand('list 0')).toEqual({ kind: 'list', page: 0 });
    expect(parseCommand('list all')).toEqual({ kind: 'list', page: 0 });
  });

  it('asks for help when show or find has nothing to look for', () => {
    expect(parseCommand('show')).toEqual({ kind: 'help' });
    expect(parseCommand('查找 ')).toEqual({ kind: 'help' });
  });

  it('reads no command in words that only start like one: a summary stays a summary', () => {
    for (const text of [
      'showroom floor was wet',
      'listing is wrong',
      '查看订单时系统出错',
      '导出不了发票',
      '汤是冷的',
      '',
    ])
      expect(parseCommand(text)).toEqual({ kind: 'none', text: text.trim() });
  });
});

describe('what an export asks for', () => {
  it('takes a month and a format in either order, csv by default', () => {
    expect(exportRequest('')).toEqual({ format: 'csv' });
    expect(exportRequest('2026-11')).toEqual({ month: '2026-11', format: 'csv' });
    expect(exportRequest('XLSX 2026-11')).toEqual({ month: '2026-11', format: 'xlsx' });
    expect(exportRequest('2026-13')).toBeNull();
    expect(exportRequest('November')).toBeNull();
  });
});

describe('a click on the app menu', () => {
  const menuClick = (from: string, key: string, time: number) =>
    buildXml({
      ToUserName: 'ww0123456789abcdef',
      FromUserName: from,
      CreateTime: time,
      MsgType: 'event',
      Event: 'click',
      EventKey: key,
      AgentID: 1000002,
    });

  it('is read with its key, and known by member, key and time', () => {
    const event = parseEvent(menuClick('lisi', 'list', 1700000000));
    expect(event).toEqual({
      kind: 'menu-click',
      from: 'lisi',
      createTime: 1700000000,
      agentId: 1000002,
      eventKey: 'list',
    });
    // Two items clicked within a second are two clicks; WeCom's retry of one is the same.
    expect(dedupeKey(event)).toBe(dedupeKey(parseEvent(menuClick('lisi', 'list', 1700000000))));
    expect(dedupeKey(event)).not.toBe(dedupeKey(parseEvent(menuClick('lisi', 'export', 1700000000))));
  });
});
