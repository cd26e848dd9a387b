import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { CaseStore } from '../../src/app/ports.js';
import { caseStore } from '../../src/store/case-store.js';
import type { Collections } from '../../src/store/collections.js';
import { memoryCollections } from '../../src/store/memory-collections.js';
import { mongoCollections } from '../../src/store/mongo-collections.js';

/** Where the end-to-end tests keep cases: MongoDB when MONGO_URL is set, the in-memory engine otherwise. */
export const STORE_ENGINE = process.env.MONGO_URL ? 'MongoDB' : 'in-memory';

/**
 * Collections for one test: on MongoDB a database of its own, dropped when the collections are closed; in
 * memory otherwise. Ready at once, as the in-memory ones are, so a test swaps one for the other in place.
 */
export function testCollections(): Collections {
  const url = process.env.MONGO_URL;
  if (!url) return memoryCollections();
  const dbName = `redress-test-${randomUUID()}`;
  const ready = mongoCollections(url, { dbName });
  let closed: Promise<void> | undefined;
  return {
    findCase: async (filter) => (await ready).findCase(filter),
    findPage: async (filter, sort, skip, limit) => (await ready).findPage(filter, sort, skip, limit),
    aggregateCases: async (pipeline) => (await ready).aggregateCases(pipeline),
    async *findCases(filter) {
      yield* (await ready).findCases(filter);
    },
    updateCase: async (filter, update, options) => (await ready).updateCase(filter, update, options),
    incrementCounter: async (filter, update) => (await ready).incrementCounter(filter, update),
    close() {
      closed ??= (async () => {
        await (await ready).close();
        const connection = await mongoose.createConnection(url, { dbName }).asPromise();
        await connection.dropDatabase();
        await connection.close();
      })();
      return closed;
    },
  };
}

/** A case store over `testCollections()`. */
export const testStore = (): CaseStore => caseStore(testCollections());
