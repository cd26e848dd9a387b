import { Query, update } from 'mingo';
import type { Case } from '../domain/case.js';
import type { Collections } from './collections.js';

type Doc = Record<string, unknown>;

/** The document an upsert inserts: the filter's plain equalities, then the update with `$setOnInsert`. */
function upserted(filter: Doc, modifier: Doc): Doc {
  const doc: Doc = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!key.includes('.') && !key.startsWith('$') && !isOperator(value)) doc[key] = structuredClone(value);
  }
  const { $setOnInsert, ...rest } = modifier;
  update(doc, { ...rest, $set: { ...($setOnInsert as Doc), ...(rest.$set as Doc) } }, undefined, undefined, {
    cloneMode: 'deep',
  });
  return doc;
}

const isOperator = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.keys(value).some((k) => k.startsWith('$'));

/** Applies one update to the first matching document, or inserts on upsert. */
function updateFirst(docs: Doc[], filter: Doc, modifier: Doc, upsert: boolean): Doc | null {
  const query = new Query(filter);
  const doc = docs.find((d) => query.test(d));
  if (doc) {
    const { $setOnInsert: _onInsertOnly, ...rest } = modifier;
    update(doc, rest, undefined, undefined, { cloneMode: 'deep' });
    return doc;
  }
  if (upsert) docs.push(upserted(filter, modifier));
  return null;
}

/**
 * Collections held in memory and queried by mingo, MongoDB's query language in JavaScript. Each operation runs
 * to completion before another starts, which makes every single-document update atomic, as in MongoDB.
 */
export function memoryCollections(): Collections {
  const cases: Doc[] = [];
  const counters: Doc[] = [];
  return {
    async findCase(filter) {
      const query = new Query(filter);
      const found = cases.find((d) => query.test(d));
      return found ? (structuredClone(found) as unknown as Case) : null;
    },
    async *findCases(filter) {
      const query = new Query(filter);
      for (const found of cases.filter((d) => query.test(d))) yield structuredClone(found) as unknown as Case;
    },
    async updateCase(filter, modifier, options) {
      return { matched: updateFirst(cases, filter, modifier, options?.upsert ?? false) !== null };
    },
    async incrementCounter(filter, modifier) {
      updateFirst(counters, filter, modifier, true);
      const counter = counters.find((d) => new Query(filter).test(d));
      return Number(counter?.seq);
    },
    async close() {},
  };
}
