import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/chat/i18n.js';
import type { ButtonCard } from '../../../src/chat/wecom/api.js';
import { cardButtons, parseCardKey } from '../../../src/chat/wecom/cards.js';
import { plainTranslator } from '../../../src/chat/wecom/text.js';
import type { Case } from '../../../src/domain/case.js';
import { aCase, T0 } from '../../support/cases.js';

const t = plainTranslator(translator('en'));
const PAGES = 'https://redress.example.com';
/** What each button does: a clicked action, or the page a form opens at (its path). */
const does = (b: ButtonCard['buttons'][number]) =>
  'key' in b ? parseCardKey(b.key)?.action : new URL(b.url).pathname.replace('/wecom/forms/', 'page:');
const buttons = (c: Case) => cardButtons(t, c, PAGES).map(does);
const rootCause = { cause: 'c', corrective: 'c', preventive: 'p', department: 'delivery' };

describe('a WeCom case card’s buttons', () => {
  it('are those that apply now, as the Slack card chooses them: clicks, and forms that open as pages', () => {
    expect(buttons(aCase())).toEqual([
      'acknowledge',
      'page:contact',
      'page:resolve',
      'escalate',
      'page:case',
    ]);
    expect(buttons(aCase({ status: 'accepted' }))).toEqual([
      'page:contact',
      'page:resolve',
      'escalate',
      'page:case',
    ]);
    expect(buttons(aCase({ rootCause }))).toEqual([
      'acknowledge',
      'page:contact',
      'page:resolve',
      'verifyFix',
      'escalate',
      'page:case',
    ]);
    const pending = { amount: 900, text: 'refund', by: 'lisi' };
    expect(buttons(aCase({ pendingApproval: pending }))).toEqual([
      'approve',
      'reject',
      'acknowledge',
      'page:contact',
      'page:case',
    ]);
    expect(buttons(aCase({ status: 'resolved', rootCause }))).toEqual([
      'page:verdict',
      'page:contact',
      'verifyFix',
      'close',
      'page:case',
    ]);
    const verified = { status: 'resolved' as const, rootCause, fixVerified: { by: 'x', at: T0 } };
    const verdict = { accepted: true, satisfaction: 5, at: T0, by: 'lisi' };
    expect(buttons(aCase({ ...verified, verdict }))).toEqual(['page:contact', 'close', 'page:case']);
    expect(buttons(aCase({ status: 'closed' }))).toEqual(['page:reopen']);
  });

  it('open the forms about their case at the public address', () => {
    const [, contact] = cardButtons(t, aCase(), PAGES);
    expect(contact).toEqual({
      text: 'Log contact',
      url: 'https://redress.example.com/wecom/forms/contact?case=202611-0001',
      style: 2,
    });
  });

  it('carry keys that name the action and the case, and Escalate now the level it was shown at', () => {
    const escalate = cardButtons(t, aCase({ status: 'accepted', level: 2 }), PAGES).find(
      (b) => 'key' in b && b.key.startsWith('escalate'),
    );
    expect(escalate).toMatchObject({ key: 'escalate:202611-0001/2' });
    expect(parseCardKey('escalate:202611-0001/2')).toEqual({
      action: 'escalate',
      number: '202611-0001',
      level: 2,
    });
    expect(parseCardKey('close:202611-0001/2')).toEqual({ action: 'close', number: '202611-0001' });
    for (const key of [
      '',
      'acknowledge',
      'delete:202611-0001',
      'acknowledge:../../etc',
      'acknowledge:2026-1',
    ])
      expect(parseCardKey(key)).toBeNull();
  });
});
