import { describe, expect, it } from 'vitest';
import { isAccountable } from '../../../src/domain/case.js';
import { acknowledge, escalate, extend, resolve } from '../../../src/domain/transitions.js';
import { aCase, T0 } from '../../support/cases.js';
import { people, testPolicy } from '../../support/harness.js';

const later = new Date(T0.getTime() + 600_000);

describe('acknowledge', () => {
  it('lets the owner accept the case and meets the acknowledge deadline', () => {
    const result = acknowledge(aCase(), people.owner, later);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.case.status).toBe('accepted');
    expect(result.case.deadlines.find((d) => d.kind === 'acknowledge')?.metAt).toEqual(later);
    expect(result.case.deadlines.find((d) => d.kind === 'resolve')?.metAt).toBeUndefined();
    expect(result.case.timeline.at(-1)).toEqual({ at: later, by: people.owner, type: 'acknowledged' });
  });

  it('refuses anyone but the owner, and a second acknowledgement', () => {
    expect(acknowledge(aCase(), people.manager, later)).toEqual({
      kind: 'refused',
      reason: 'refusal.not_owner',
    });
    expect(acknowledge(aCase({ status: 'accepted' }), people.owner, later)).toEqual({
      kind: 'refused',
      reason: 'refusal.already_acknowledged',
    });
  });
});

describe('resolve', () => {
  it('lets the owner or any manager on the ladder resolve, meeting every deadline', () => {
    for (const actor of [people.owner, people.manager, people.csManager, people.gm]) {
      const result = resolve(aCase(), actor, 'Refunded', later);
      if (result.kind !== 'ok') throw new Error(result.reason);
      expect(result.case).toMatchObject({ status: 'resolved', resolution: 'Refunded' });
      expect(result.case.deadlines.every((d) => d.metAt?.getTime() === later.getTime())).toBe(true);
    }
  });

  it('refuses the receiver and strangers, and a resolved case', () => {
    expect(resolve(aCase(), people.receiver, 'x', later)).toMatchObject({
      reason: 'refusal.not_owner_or_manager',
    });
    expect(resolve(aCase({ status: 'resolved' }), people.owner, 'x', later)).toMatchObject({
      reason: 'refusal.already_resolved',
    });
  });
});

describe('escalate', () => {
  it('takes the case one rung up, and refuses at the top', () => {
    let c = aCase();
    for (const expected of [people.manager, people.csManager, people.gm]) {
      const result = escalate(c, people.owner, later);
      if (result.kind !== 'ok') throw new Error(result.reason);
      expect(result.case.ladder[result.case.level]).toBe(expected);
      expect(result.case.timeline.at(-1)).toMatchObject({
        type: 'escalated',
        by: people.owner,
        to: expected,
      });
      c = result.case;
    }
    expect(escalate(c, people.gm, later)).toEqual({ kind: 'refused', reason: 'refusal.top_of_ladder' });
  });

  it('is for people on the ladder only', () => {
    expect(escalate(aCase(), people.stranger, later)).toEqual({
      kind: 'refused',
      reason: 'refusal.not_on_ladder',
    });
  });
});

describe('need more time', () => {
  it('moves every open deadline but the acknowledgement to the promise, keeping the first due time', () => {
    const promisedAt = new Date(T0.getTime() + 72 * 3600_000);
    const result = extend(
      aCase(),
      people.owner,
      { promisedAt, reason: 'Parts on order' },
      later,
      testPolicy().deadlines,
    );
    if (result.kind !== 'ok') throw new Error(result.reason);
    const [ack, resolve] = result.case.deadlines;
    expect(ack).toMatchObject({ kind: 'acknowledge', version: 1 });
    expect(resolve).toMatchObject({
      kind: 'resolve',
      version: 2,
      dueAt: promisedAt,
      originalDueAt: aCase().deadlines[1]?.dueAt,
    });
    expect(
      extend(aCase(), people.receiver, { promisedAt, reason: 'x' }, later, testPolicy().deadlines),
    ).toMatchObject({
      kind: 'refused',
    });
  });
});

describe('accountability during a handover (首问负责制)', () => {
  it('the receiver and the previous owner stay accountable until the new owner acknowledges', () => {
    const handed = aCase({ owner: 'U0COOK', handoverFrom: people.owner });
    for (const who of ['U0COOK', people.owner, people.receiver])
      expect(isAccountable(handed, who)).toBe(true);
    expect(isAccountable(handed, people.stranger)).toBe(false);
    expect(isAccountable({ ...handed, handoverFrom: null }, people.receiver)).toBe(false);
  });
});
