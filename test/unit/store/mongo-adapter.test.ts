import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Case, CaseDraft } from '../../../src/domain/case.js';
import { caseSchema, collectionsOver } from '../../../src/store/mongo-collections.js';
import * as q from '../../../src/store/queries.js';
import { aCase, T0 } from '../../support/cases.js';
import { fullCase } from '../../support/full-case.js';

type Doc = Record<string, unknown>;
type Call = { op: string; args: unknown[] };

/** Deep copy without the keys whose value is undefined: what "absent" means on both engines. */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, defined(v)]),
  );
}

/**
 * An update as both engines read it: undefined inside a value means absent to both, so it is dropped; but a
 * path an operator itself sets to undefined is kept (as null on the wire), because there the engines part:
 * mingo stores undefined, which reads as absent, and mongoose drops the path, leaving the old value.
 */
const asRead = (update: Doc) =>
  Object.fromEntries(
    Object.entries(update).map(([op, paths]) => [
      op,
      Object.fromEntries(
        Object.entries(paths as Doc).map(([p, v]) => [p, v === undefined ? null : defined(v)]),
      ),
    ]),
  );

/** A value as the MongoDB driver puts it on the wire (by default it sends undefined as null) and reads it back. */
const { BSON } = mongoose.mongo;
const wire = (value: unknown) =>
  BSON.deserialize(BSON.serialize({ value }, { ignoreUndefined: false })).value as unknown;

/**
 * The adapter over a connection that never opens: every driver call it makes is recorded instead of sent,
 * so what mongoose does to a query (casting, defaults, stripping) is visible without a server.
 */
async function recorded(answer: (call: Call) => unknown = () => undefined) {
  const connection = mongoose.createConnection();
  const calls: Call[] = [];
  const cursor = { toArray: async () => [] };
  const record =
    (op: string, fallback: (...args: unknown[]) => unknown) =>
    async (...args: unknown[]) => {
      const call = { op, args };
      calls.push(call);
      return answer(call) ?? fallback(...args);
    };
  for (const name of ['cases', 'counters']) {
    const collection = connection.collection(name) as unknown as Record<string, unknown>;
    collection.updateOne = record(`${name}.updateOne`, () => ({ matchedCount: 1 }));
    collection.findOneAndUpdate = record(`${name}.findOneAndUpdate`, () => ({ seq: 1 }));
    collection.findOne = record(`${name}.findOne`, () => null);
    collection.find = record(`${name}.find`, () => cursor);
    collection.aggregate = record(`${name}.aggregate`, () => cursor);
    collection.createIndex = record(`${name}.createIndex`, () => 'index');
    for (const op of ['listIndexes', 'dropIndex', 'dropIndexes', 'createIndexes'])
      collection[op] = record(`${name}.${op}`, () => []);
  }
  const db = await collectionsOver(connection);
  calls.length = 0;
  return { db, calls };
}

const draftOf = (c: Case): CaseDraft => {
  const { number: _number, revision: _revision, ...draft } = c;
  return draft;
};

describe('the mongoose schema of a case', () => {
  it('keeps every field of a case whose optional fields are all set', () => {
    const Cases = mongoose.createConnection().model('Case', caseSchema);
    const full = fullCase();
    const { _id, ...stored } = new Cases(full).toObject();
    expect(wire(stored)).toEqual(wire(full));
  });

  it('refuses a field it does not know instead of dropping it, nested ones too', () => {
    const Cases = mongoose.createConnection().model('Case', caseSchema);
    expect(() => new Cases({ ...fullCase(), unknown: 1 })).toThrow(/not in schema/);
    expect(() => new Cases({ ...fullCase(), customer: { name: 'x', phone: '1', age: 3 } })).toThrow(
      /not in schema/,
    );
  });

  it('gives a new document no defaults, not even empty lists', () => {
    const Cases = mongoose.createConnection().model('Case', caseSchema);
    expect(Object.keys(new Cases({}).toObject())).toEqual(['_id']);
  });
});

describe('the mongoose adapter', () => {
  it('builds the schema indexes with createIndex at start-up and drops none', async () => {
    const connection = mongoose.createConnection();
    const collection = connection.collection('cases') as unknown as Record<string, unknown>;
    const ops: string[] = [];
    const created: unknown[] = [];
    collection.createIndex = async (...args: unknown[]) => {
      created.push(args[0]);
      return 'index';
    };
    for (const op of ['listIndexes', 'dropIndex', 'dropIndexes'])
      collection[op] = async () => {
        ops.push(op);
        return [];
      };
    await collectionsOver(connection);
    expect(created).toEqual(caseSchema.indexes().map(([fields]) => fields));
    expect(ops).toEqual([]);
  });

  it("stops the start with the server's reason when an index cannot be built", async () => {
    const connection = mongoose.createConnection();
    const collection = connection.collection('cases') as unknown as Record<string, unknown>;
    collection.createIndex = async (fields: Doc) => {
      if ('status' in fields)
        throw Object.assign(new Error('index status_1 exists with other options'), { code: 85 });
      return 'index';
    };
    await expect(collectionsOver(connection)).rejects.toThrow(/status_1 exists with other options/);
  });

  it('sends every write of queries.ts to the driver as it is: nothing cast away, no defaults added', async () => {
    const { db, calls } = await recorded();
    const full = fullCase();
    const bare = aCase({ submissionKey: 'bare' });
    const entry = { at: T0, by: 'system', type: 'escalated' as const, to: 'U0GM', key: 'resolve.v1.rung3' };
    const writes: [q.Write, boolean][] = [
      [q.insertCase(draftOf(full)), true],
      [q.insertCase(draftOf(bare)), true],
      [q.assignNumber('full', '202611-0001'), false],
      [q.saveTransition(bare, { ...bare, ...full, number: bare.number, revision: bare.revision }), false],
      [q.saveTransition(full, { ...full, handoverFrom: null, pendingApproval: null }), false],
      [q.saveTransition(full, { ...full, batch: undefined, verdict: undefined }), false],
      [q.recordOnce('202611-0001', entry, 3), false],
      [q.recordOnce('202611-0001', { ...entry, text: undefined }), false],
      [q.linkRepeat('202611-0001', '202611-0002'), false],
      ...q.linkRejection('202611-0001', '202611-0002').map((w): [q.Write, boolean] => [w, false]),
    ];
    for (const [write, upsert] of writes) await db.updateCase(write.filter, write.update, { upsert });
    expect(calls.map((c) => wire(c.args.slice(0, 2)))).toEqual(
      writes.map(([w]) => wire([defined(w.filter), asRead(w.update)])),
    );
    expect(calls.map((c) => c.args[2])).toEqual(writes.map(([, upsert]) => ({ upsert })));

    calls.length = 0;
    const counter = q.nextSerial('202611');
    await db.incrementCounter(counter.filter, counter.update);
    expect(calls.map((c) => [c.op, ...c.args.slice(0, 2)])).toEqual([
      ['counters.findOneAndUpdate', counter.filter, counter.update],
    ]);
    expect(calls[0]?.args[2]).toMatchObject({ upsert: true, returnDocument: 'after' });
  });

  it('sends every filter, sort and pipeline of queries.ts to the driver as it is', async () => {
    const { db, calls } = await recorded();
    const since = new Date('2026-11-01T00:00:00Z');
    const pages = [
      q.searchCases({ kind: 'list', scope: { kind: 'all' }, viewer: 'U0GM' }),
      q.searchCases({ kind: 'list', scope: { kind: 'departments', ids: ['delivery'] }, viewer: 'U0M' }),
      q.searchCases({ kind: 'list', scope: { kind: 'owner', user: 'U0OWNER' }, viewer: 'U0OWNER' }),
      q.searchCases({ kind: 'find', text: '138 1234', phone: null, viewer: 'U0X', everything: false }),
      q.searchCases({ kind: 'find', text: 'cold (soup)?', phone: null, viewer: 'U0GM', everything: true }),
      q.latestOfCustomer('13812345678', since),
      q.sameProblem('delivery', ' Order 8812 ', since),
      q.openSince(since, { scope: { kind: 'departments', ids: ['delivery', 'kitchen'] }, viewer: 'U0M' }),
      q.casesOfMonth('202611', { scope: { kind: 'all' }, viewer: 'U0GM' }),
    ];
    for (const { filter, sort } of pages) await db.findPage(filter, sort, 10, 11);
    expect(calls.map((c) => [c.op, wire(c.args[0])])).toEqual(
      pages.map((p) => ['cases.find', wire(p.filter)]),
    );
    expect(calls.map((c) => c.args[1])).toEqual(
      pages.map((p) => expect.objectContaining({ sort: p.sort, skip: 10, limit: 11 })),
    );

    calls.length = 0;
    const one = [q.caseBySubmission('V1'), q.caseByNumber('202611-0001')];
    for (const filter of one) await db.findCase(filter);
    const pipeline = q.statistics(since, new Date('2026-12-01T00:00:00Z'), T0);
    await db.aggregateCases(pipeline);
    expect(calls.map((c) => [c.op, wire(c.args[0])])).toEqual([
      ...one.map((filter) => ['cases.findOne', wire(filter)]),
      ['cases.aggregate', wire(pipeline)],
    ]);
  });

  it('runs an upsert that lost a race to the same key (E11000) once more, which then finds the winner', async () => {
    const duplicate = () =>
      Object.assign(new Error('E11000 duplicate key error collection: cases index: submissionKey_1'), {
        code: 11000,
      });
    let failed = 0;
    const { db, calls } = await recorded((call) => {
      if (failed === 0 && call.op.endsWith('updateOne')) {
        failed++;
        throw duplicate();
      }
      return undefined;
    });
    const insert = q.insertCase(draftOf(aCase()));
    expect(await db.updateCase(insert.filter, insert.update, { upsert: true })).toEqual({ matched: true });
    expect(calls.map((c) => c.op)).toEqual(['cases.updateOne', 'cases.updateOne']);

    // Not an upsert: a duplicate number is a real error, and it is not hidden.
    failed = 0;
    const assign = q.assignNumber('V1', '202611-0001');
    await expect(db.updateCase(assign.filter, assign.update)).rejects.toThrow(/E11000/);
  });

  it('takes the next serial once more when the first upsert of a month lost a race (E11000)', async () => {
    let failed = 0;
    const { db, calls } = await recorded((call) => {
      if (failed === 0 && call.op === 'counters.findOneAndUpdate') {
        failed++;
        throw Object.assign(new Error('E11000 duplicate key error collection: counters'), { code: 11000 });
      }
      return call.op === 'counters.findOneAndUpdate' ? { _id: 'case-202611', seq: 2 } : undefined;
    });
    const counter = q.nextSerial('202611');
    expect(await db.incrementCounter(counter.filter, counter.update)).toBe(2);
    expect(calls.map((c) => c.op)).toEqual(['counters.findOneAndUpdate', 'counters.findOneAndUpdate']);
  });
});
