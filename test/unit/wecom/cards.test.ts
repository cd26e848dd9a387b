import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/chat/i18n.js';
import { cardButtons, parseCardKey } from '../../../src/chat/wecom/cards.js';
import { plainTranslator } from '../../../src/chat/wecom/text.js';
import type { Case } from '../../../src/domain/case.js';
import { aCase, T0 } from '../../support/cases.js';

const t = plainTranslator(translator('en'));
const actions = (c: Case) => cardButtons(t, c).map((b) => parseCardKey(b.key)?.action);
const rootCause = { cause: 'c', corrective: 'c', preventive: 'p', department: 'delivery' };

describe('a WeCom case card’s buttons', () => {
  it('are those that apply now and need nothing typed, as the Slack card chooses them', () => {
    expect(actions(aCase())).toEqual(['acknowledge', 'escalate']);
    expect(actions(aCase({ status: 'accepted' }))).toEqual(['escalate']);
    expect(actions(aCase({ status: 'accepted', rootCause }))).toEqual(['verifyFix', 'escalate']);
    const pending = { amount: 900, text: 'refund', by: 'lisi' };
    expect(actions(aCase({ status: 'accepted', pendingApproval: pending }))).toEqual(['approve', 'reject']);
    expect(actions(aCase({ pendingApproval: pending }))).toEqual(['approve', 'reject', 'acknowledge']);
    expect(actions(aCase({ status: 'resolved', rootCause }))).toEqual(['verifyFix', 'close']);
    expect(actions(aCase({ status: 'resolved', rootCause, fixVerified: { by: 'x', at: T0 } }))).toEqual([
      'close',
    ]);
    // A card needs a button: a closed case has Show, which brings the card up to date.
    expect(cardButtons(t, aCase({ status: 'closed' }))).toEqual([
      { text: 'Show 202611-0001', key: 'show:202611-0001', style: 2 },
    ]);
  });

  it('carry keys that name the action and the case, and Escalate now the level it was shown at', () => {
    expect(cardButtons(t, aCase({ status: 'accepted', level: 2 }))[0]?.key).toBe('escalate:202611-0001/2');
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
