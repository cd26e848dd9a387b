import { describe, expect, it } from 'vitest';
import {
  nextWakeUp,
  onDeadline,
  planDeadlines,
  stepsOf,
  timedDeadlines,
} from '../../../src/domain/deadlines.js';
import { ladderFor } from '../../../src/domain/ladder.js';
import { extend, resolve } from '../../../src/domain/transitions.js';
import { aCase, T0 } from '../../support/cases.js';
import { people, testPolicy } from '../../support/harness.js';

const H = 3600_000;
const policy = testPolicy().deadlines;
const at = (hours: number) => new Date(T0.getTime() + hours * H);
const hoursAfterT0 = (d: Date) => (d.getTime() - T0.getTime()) / H;

describe('planDeadlines', () => {
  it('gives a general case 1 h to acknowledge and 24 h to resolve', () => {
    expect(planDeadlines(false, T0, policy).map((d) => [d.kind, hoursAfterT0(d.dueAt)])).toEqual([
      ['acknowledge', 1],
      ['resolve', 24],
    ]);
  });

  it('gives a major case a 24 h callback and 48 h to resolve', () => {
    expect(planDeadlines(true, T0, policy).map((d) => [d.kind, hoursAfterT0(d.dueAt)])).toEqual([
      ['acknowledge', 1],
      ['callback', 24],
      ['resolve', 48],
    ]);
  });
});

describe('planDeadlines with a working calendar', () => {
  it('counts only working hours, for the deadline and for its warning and rungs', () => {
    const nineToSix: [number, number][] = [[540, 1080]];
    const calendar = {
      timezone: 'Asia/Shanghai',
      hours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
      holidays: [],
      workdays: [],
      makeUpDay: 'mon' as const,
    };
    const friday = new Date('2026-11-27T17:30:00+08:00');
    const working = { ...policy, calendar, grace: 9 * H };
    const [ack] = planDeadlines(false, friday, working);
    if (!ack) throw new Error('no acknowledge deadline');
    expect(ack.dueAt).toEqual(new Date('2026-11-30T09:30:00+08:00')); // Monday morning, not Friday night
    const steps = stepsOf(ack, [people.owner, people.manager], working);
    expect(steps.map((s) => s.at)).toEqual([
      new Date('2026-11-30T09:15:00+08:00'), // 45 working minutes after Friday 17:30
      new Date('2026-11-30T09:30:00+08:00'),
      new Date('2026-12-01T09:30:00+08:00'), // 9 working hours later: the next morning
    ]);
  });
});

describe('need more time under a working calendar', () => {
  it('measures the new span in working time, so the warning comes before the promised time', () => {
    const nineToSix: [number, number][] = [[540, 1080]];
    const calendar = {
      timezone: 'Asia/Shanghai',
      hours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
      holidays: [],
      workdays: [],
      makeUpDay: 'mon' as const,
    };
    const working = { ...policy, calendar };
    const friday = new Date('2026-11-27T17:00:00+08:00');
    const promisedAt = new Date('2026-11-30T13:00:00+08:00'); // 1 working hour on Friday, 4 on Monday
    const c = aCase({ status: 'accepted' });
    const extended = extend(c, people.owner, { promisedAt, reason: 'parts' }, friday, working);
    if (extended.kind !== 'ok') throw new Error(extended.reason);
    const resolve = extended.case.deadlines.find((d) => d.kind === 'resolve');
    if (!resolve) throw new Error('no resolve deadline');
    expect(resolve.span).toBe(5 * H);
    const [warn, due] = stepsOf(resolve, [people.owner, people.manager], working);
    expect(warn?.at).toEqual(new Date('2026-11-30T11:45:00+08:00')); // 75% of 5 working hours
    expect(due?.at).toEqual(promisedAt);
  });
});

describe('ladderFor', () => {
  const roles = { csManager: people.csManager, gm: people.gm };
  it('climbs owner → department manager → CS manager → GM', () => {
    const department = { id: 'd', name: 'D', owner: people.owner, manager: people.manager };
    expect(ladderFor(department, roles)).toEqual([people.owner, people.manager, people.csManager, people.gm]);
  });

  it('leaves the person complained about off the ladder: they are told nothing (回避)', () => {
    const department = { id: 'd', name: 'D', owner: people.owner, manager: people.manager };
    expect(ladderFor(department, roles, people.manager)).toEqual([people.owner, people.csManager, people.gm]);
  });

  it('skips a rung when one person holds two roles', () => {
    const department = { id: 'd', name: 'D', owner: people.owner, manager: people.csManager };
    expect(ladderFor(department, roles)).toEqual([people.owner, people.csManager, people.gm]);
    const everyone = people.gm;
    const tiny = { id: 't', name: 'T', owner: everyone, manager: everyone };
    expect(ladderFor(tiny, { csManager: everyone, gm: everyone })).toEqual([everyone]);
  });
});

describe('stepsOf', () => {
  it('warns at 75%, nudges when due, then one rung per grace period', () => {
    const c = aCase();
    const resolveDeadline = c.deadlines[1];
    if (!resolveDeadline) throw new Error('no resolve deadline');
    const steps = stepsOf(resolveDeadline, c.ladder, policy);
    expect(steps.map((s) => [s.type, s.to, hoursAfterT0(s.at)])).toEqual([
      ['warned', people.owner, 18],
      ['nudged', people.owner, 24],
      ['escalated', people.manager, 28],
      ['escalated', people.csManager, 32],
      ['escalated', people.gm, 36],
    ]);
    expect(new Set(steps.map((s) => s.key)).size).toBe(5);
  });
});

describe('nextWakeUp', () => {
  it('is the first step not sent yet, and null once every step was sent', () => {
    const c = aCase();
    const ack = c.deadlines[0];
    if (!ack) throw new Error('no acknowledge deadline');
    expect(nextWakeUp(c, ack, policy)).toEqual(at(0.75));
    const sent = (keys: string[]) => ({
      ...c,
      timeline: [
        ...c.timeline,
        ...keys.map((key) => ({ at: T0, by: 'system', type: 'warned' as const, key })),
      ],
    });
    expect(nextWakeUp(sent(['acknowledge.v1.warn']), ack, policy)).toEqual(at(1));
    const all = sent(['warn', 'due', 'rung1', 'rung2', 'rung3'].map((k) => `acknowledge.v1.${k}`));
    expect(nextWakeUp(all, ack, policy)).toBeNull();
    expect(timedDeadlines(all, policy).map((d) => d.kind)).toEqual(['resolve']);
  });
});

describe('onDeadline', () => {
  const ack = { kind: 'acknowledge' as const, version: 1 };

  it('sends nothing before the warning and says when to wake up', () => {
    expect(onDeadline(aCase(), ack, at(0.5), policy)).toEqual({ kind: 'act', due: [], next: at(0.75) });
  });

  it('sends every step whose time has come and was not sent, in order', () => {
    const c = aCase();
    const decision = onDeadline(c, ack, at(5.5), policy);
    expect(decision.kind === 'act' && decision.due.map((s) => s.type)).toEqual([
      'warned',
      'nudged',
      'escalated',
    ]);
    expect(decision.kind === 'act' && decision.next).toEqual(at(9));
    const warned = {
      ...c,
      timeline: [
        ...c.timeline,
        { at: at(0.75), by: 'system', type: 'warned' as const, key: 'acknowledge.v1.warn' },
      ],
    };
    const again = onDeadline(warned, ack, at(5.5), policy);
    expect(again.kind === 'act' && again.due.map((s) => s.key)).toEqual([
      'acknowledge.v1.due',
      'acknowledge.v1.rung1',
    ]);
  });

  it('is stale once the deadline is met, planned anew, or the case resolved', () => {
    const c = aCase();
    const met = { ...c, deadlines: c.deadlines.map((d) => ({ ...d, metAt: at(0.2) })) };
    expect(onDeadline(met, ack, at(2), policy)).toEqual({ kind: 'stale' });
    expect(onDeadline(c, { ...ack, version: 2 }, at(2), policy)).toEqual({ kind: 'stale' });
    const resolved = resolve(c, people.owner, 'done', at(0.1));
    expect(resolved.kind === 'ok' && onDeadline(resolved.case, ack, at(2), policy)).toEqual({
      kind: 'stale',
    });
  });

  it('has nothing left to wake up for after the GM', () => {
    expect(onDeadline(aCase(), ack, at(100), policy)).toMatchObject({ kind: 'act', next: null });
  });
});
