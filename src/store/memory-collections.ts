import { setImmediate } from 'node:timers/promises';
import { Aggregator, Query, update } from 'mingo';
import type { Case } from '../domain/case.js';
import type { Collections } from './collections.js';

type Doc = Record<string, unknown>;

/** Documents a scan reads before it lets other work run. */
const SCAN_BATCH = 50;

const isOperator = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.keys(value).some((k) => k.startsWith('$'));

/** The document an upsert inserts: the filter's plain equalities, then the update with `$setOnInsert`. */
function upserted(filter: Doc, modifier: Doc): Doc {
  const doc: Doc = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!key.includes('.') && !key.startsWith('$') && !isOperator(value)) doc[key] = structuredClone(value);
  }
  const { $setOnInsert, ...rest } = modifier;
  const modifications = { ...rest, $set: { ...($setOnInsert as Doc), ...(rest.$set as Doc) } };
  update(doc, modifications, undefined, undefined, { cloneMode: 'deep' });
  return doc;
}

/**
 * Documents in memory, queried by mingo (MongoDB's query language in JavaScript), with unique indexes on the
 * fields cases are looked up by, as the MongoDB collection has. Documents are never changed in place: an
 * update stores a changed copy, so a document handed out stays as it was read and needs no copy.
 */
class MemoryCollection {
  private readonly docs = new Map<number, Doc>();
  private readonly slots = new WeakMap<Doc, number>();
  private readonly indexes: Map<string, Map<unknown, Doc>>;

  constructor(indexed: string[]) {
    this.indexes = new Map(indexed.map((field) => [field, new Map()]));
  }

  /** The documents a filter can match: one, through an index, when it names an indexed value. */
  private candidates(filter: Doc): Iterable<Doc> {
    for (const [field, index] of this.indexes) {
      const value = filter[field];
      if (typeof value === 'string') {
        const doc = index.get(value);
        return doc ? [doc] : [];
      }
    }
    return this.docs.values();
  }

  private store(doc: Doc, slot: number): void {
    this.docs.set(slot, doc);
    this.slots.set(doc, slot);
    for (const [field, index] of this.indexes) if (doc[field] !== undefined) index.set(doc[field], doc);
  }

  findOne(filter: Doc): Doc | undefined {
    const query = new Query(filter);
    for (const doc of this.candidates(filter)) if (query.test(doc)) return doc;
    return undefined;
  }

  /** Every match, lazily; it lets other work run between batches, so a long scan does not stall timers. */
  async *find(filter: Doc): AsyncGenerator<Doc> {
    const query = new Query(filter);
    let scanned = 0;
    for (const doc of this.candidates(filter)) {
      if (++scanned % SCAN_BATCH === 0) await setImmediate();
      if (query.test(doc)) yield doc;
    }
  }

  /** Applies an update to the first matching document, or inserts on upsert; says whether one matched. */
  updateOne(filter: Doc, modifier: Doc, upsert: boolean): boolean {
    const doc = this.findOne(filter);
    if (doc) {
      const { $setOnInsert: _insertOnly, ...modifications } = modifier;
      const changed = structuredClone(doc);
      update(changed, modifications, undefined, undefined, { cloneMode: 'deep' });
      this.store(changed, this.slots.get(doc) ?? this.docs.size);
      return true;
    }
    if (upsert) this.store(upserted(filter, modifier), this.docs.size);
    return false;
  }
}

/**
 * Collections held in memory. Each operation runs to completion before another starts, which makes every
 * single-document update atomic, as in MongoDB.
 */
export function memoryCollections(): Collections {
  const cases = new MemoryCollection(['number', 'submissionKey']);
  const counters = new MemoryCollection(['_id']);
  // Stored documents are never changed in place, so they are handed out as they are.
  const asCase = (doc: Doc) => doc as unknown as Case;
  return {
    async findCase(filter) {
      const found = cases.findOne(filter);
      return found ? asCase(found) : null;
    },
    async findPage(filter, sort, skip, limit) {
      const found: Doc[] = [];
      for await (const doc of cases.find(filter)) found.push(doc);
      const ordered = new Query<Doc>({}).find<Doc>(found).sort(sort).skip(skip).limit(limit).all();
      return ordered.map(asCase);
    },
    async aggregateCases(pipeline) {
      const docs: Doc[] = [];
      for await (const doc of cases.find({})) docs.push(doc);
      return new Aggregator(pipeline).run(docs) as Doc[];
    },
    async *findCases(filter) {
      for await (const found of cases.find(filter)) yield asCase(found);
    },
    async updateCase(filter, modifier, options) {
      return { matched: cases.updateOne(filter, modifier, options?.upsert ?? false) };
    },
    async incrementCounter(filter, modifier) {
      counters.updateOne(filter, modifier, true);
      return Number(counters.findOne(filter)?.seq);
    },
    async close() {},
  };
}
