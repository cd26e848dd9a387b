import { Query, update } from 'mingo';
import type { Case } from '../domain/case.js';
import type { Collections } from './collections.js';

type Doc = Record<string, unknown>;

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
 * fields cases are looked up by, as the MongoDB collection has.
 */
class MemoryCollection {
  private readonly docs: Doc[] = [];
  private readonly indexes: Map<string, Map<unknown, Doc>>;

  constructor(indexed: string[]) {
    this.indexes = new Map(indexed.map((field) => [field, new Map()]));
  }

  /** The documents a filter can match: one, through an index, when it names an indexed value. */
  private candidates(filter: Doc): Doc[] {
    for (const [field, index] of this.indexes) {
      const value = filter[field];
      if (typeof value === 'string') {
        const doc = index.get(value);
        return doc ? [doc] : [];
      }
    }
    return this.docs;
  }

  private reindex(doc: Doc): void {
    for (const [field, index] of this.indexes) if (doc[field] !== undefined) index.set(doc[field], doc);
  }

  findOne(filter: Doc): Doc | undefined {
    const query = new Query(filter);
    return this.candidates(filter).find((d) => query.test(d));
  }

  find(filter: Doc): Doc[] {
    const query = new Query(filter);
    return this.candidates(filter).filter((d) => query.test(d));
  }

  /** Applies an update to the first matching document, or inserts on upsert; says whether one matched. */
  updateOne(filter: Doc, modifier: Doc, upsert: boolean): boolean {
    const doc = this.findOne(filter);
    if (doc) {
      const { $setOnInsert: _insertOnly, ...modifications } = modifier;
      update(doc, modifications, undefined, undefined, { cloneMode: 'deep' });
      this.reindex(doc);
      return true;
    }
    if (upsert) {
      const inserted = upserted(filter, modifier);
      this.docs.push(inserted);
      this.reindex(inserted);
    }
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
  const copy = (doc: Doc) => structuredClone(doc) as unknown as Case;
  return {
    async findCase(filter) {
      const found = cases.findOne(filter);
      return found ? copy(found) : null;
    },
    async *findCases(filter) {
      for (const found of cases.find(filter)) yield copy(found);
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
