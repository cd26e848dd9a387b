import { describe, expect, it } from 'vitest';
import { dedupeKey, parseEvent, WecomEventError } from '../../../src/chat/wecom/events.js';
import { buildXml, parseXml, WecomXmlError } from '../../../src/chat/wecom/xml.js';

const click = `<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName>
<FromUserName><![CDATA[zhangsan]]></FromUserName>
<CreateTime>1700000000</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[template_card_event]]></Event>
<EventKey><![CDATA[ack:202611-0007]]></EventKey>
<TaskId><![CDATA[c202611-0007-1]]></TaskId>
<CardType><![CDATA[button_interaction]]></CardType>
<ResponseCode><![CDATA[rc-1]]></ResponseCode>
<AgentID>1000002</AgentID>
</xml>`;

describe('WeCom events', () => {
  it('reads a button click on a card', () => {
    expect(parseEvent(click)).toEqual({
      kind: 'card-click',
      from: 'zhangsan',
      createTime: 1700000000,
      agentId: 1000002,
      eventKey: 'ack:202611-0007',
      taskId: 'c202611-0007-1',
      cardType: 'button_interaction',
      responseCode: 'rc-1',
      selected: [],
    });
  });

  it('reads the choices of a vote card', () => {
    const vote = click.replace(
      '</xml>',
      '<SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey><OptionIds><OptionId><![CDATA[a]]></OptionId><OptionId><![CDATA[b]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>',
    );
    expect(parseEvent(vote)).toMatchObject({ selected: [{ questionKey: 'q1', optionIds: ['a', 'b'] }] });
  });

  it('reads a text message, entities and all', () => {
    const text = buildXml({
      ToUserName: 'ww1',
      FromUserName: 'lisi',
      CreateTime: 1700000001,
      MsgType: 'text',
      Content: 'the soup <was> cold ]]> & late',
      MsgId: '4561255354251345929',
      AgentID: 1000002,
    });
    expect(parseEvent(text)).toEqual({
      kind: 'text',
      from: 'lisi',
      createTime: 1700000001,
      agentId: 1000002,
      msgId: '4561255354251345929',
      content: 'the soup <was> cold ]]> & late',
    });
    expect(
      parseEvent(
        '<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>a &lt;b&gt; &#x4e2d;&#25991;</Content><MsgId>9</MsgId></xml>',
      ),
    ).toMatchObject({ content: 'a <b> 中文', agentId: 0 });
  });

  it('reads entering the app, and keeps what it does not know as fields', () => {
    const base = {
      ToUserName: 'ww1',
      FromUserName: 'wangwu',
      CreateTime: 1700000002,
      MsgType: 'event',
      AgentID: 1,
    };
    expect(parseEvent(buildXml({ ...base, Event: 'enter_agent', EventKey: '' }))).toMatchObject({
      kind: 'enter-agent',
    });
    expect(parseEvent(buildXml({ ...base, Event: 'click', EventKey: 'list' }))).toMatchObject({
      kind: 'menu-click',
      eventKey: 'list',
    });
    // A view item of the menu opens its page in WeCom; the callback only says so.
    expect(parseEvent(buildXml({ ...base, Event: 'view', EventKey: 'https://x.example/p' }))).toMatchObject({
      kind: 'other',
      msgType: 'event',
      event: 'view',
      fields: { EventKey: 'https://x.example/p' },
    });
  });

  it('refuses a callback without the fields every message has', () => {
    expect(() => parseEvent('<xml><MsgType>text</MsgType></xml>')).toThrow(WecomEventError);
    expect(() => parseEvent(click.replace('1700000000', 'soon'))).toThrow(/CreateTime> is not a number/);
    expect(() => parseEvent(click.replace('<ResponseCode><![CDATA[rc-1]]></ResponseCode>', ''))).toThrow(
      /no <ResponseCode>/,
    );
  });

  it('gives every delivery of one callback the same key, and different callbacks different ones', () => {
    const first = parseEvent(click);
    expect(dedupeKey(parseEvent(click))).toBe(dedupeKey(first));
    expect(dedupeKey(parseEvent(click.replace('1700000000', '1700000001')))).not.toBe(dedupeKey(first));
    expect(dedupeKey(parseEvent(click.replace('ack:', 'resolve:')))).not.toBe(dedupeKey(first));
    expect(dedupeKey(parseEvent(click.replace('zhangsan', 'lisi')))).not.toBe(dedupeKey(first));
    const text =
      '<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>42</MsgId></xml>';
    expect(dedupeKey(parseEvent(text))).toBe('msg:42');
  });
});

describe('WeCom XML', () => {
  it('reads WeCom’s layout: CDATA, numbers, comments and a prolog', () => {
    const root = parseXml(
      '<?xml version="1.0"?><!-- c --><xml a="1"><A><![CDATA[x]]></A><B>2</B><C/></xml>\n',
    );
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['A', 'x'],
      ['B', '2'],
      ['C', ''],
    ]);
  });

  it('refuses DTDs, unknown entities, bad nesting and runaway depth', () => {
    const refused = [
      '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml>&x;</xml>',
      '<xml>&x;</xml>',
      '<xml>a & b</xml>',
      '<xml><A></B></xml>',
      '<xml><A>',
      '<xml></xml><xml></xml>',
      '<xml><A><![CDATA[x</A></xml>',
      `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`,
      '<xml>&#x110000;</xml>',
      'plain text',
    ];
    for (const xml of refused) expect(() => parseXml(xml), xml).toThrow(WecomXmlError);
    expect(() => parseXml(`<xml>${'x'.repeat(1_000_001)}</xml>`)).toThrow(/over/);
  });

  it('writes CDATA that survives any text, ]]> included', () => {
    const text = 'a]]>b]]]]>c<![CDATA[d';
    expect(parseXml(buildXml({ T: text })).children[0]?.text).toBe(text);
  });
});
