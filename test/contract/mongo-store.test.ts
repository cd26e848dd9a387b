import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { caseStore } from '../../src/store/case-store.js';
import { memoryCollections } from '../../src/store/memory-collections.js';
import { mongoCollections } from '../../src/store/mongo-collections.js';
import { aCase } from '../support/cases.js';
import { caseStoreContract } from './case-store.contract.js';
import { comparable, everyAnswer } from './every-query.js';

const url = process.env.MONGO_URL;

if (url) {
  const databases: string[] = [];
  const database = () => {
    const dbName = `redress-contract-${randomUUID()}`;
    databases.push(dbName);
    return dbName;
  };
  const openMongo = async () => caseStore(await mongoCollections(url, { dbName: database() }));
  /** The raw collection of cases of a database, read through the driver alone. */
  const rawCases = async (dbName: string) => {
    const connection = await mongoose.createConnection(url, { dbName }).asPromise();
    const db = connection.db;
    if (!db) throw new Error('connected without a database');
    return { cases: db.collection('cases'), close: () => connection.close() };
  };

  caseStoreContract('MongoDB (mongoose)', openMongo);

  describe('mingo and MongoDB', () => {
    it('answer every query of the store alike, over the same cases after the same writes', async () => {
      const memory = caseStore(memoryCollections());
      const mongo = await openMongo();
      try {
        const expected = await everyAnswer(memory);
        const actual = await everyAnswer(mongo);
        expect(Object.keys(actual)).toEqual(Object.keys(expected));
        for (const [name, answer] of Object.entries(expected))
          expect.soft(comparable(actual[name]), name).toEqual(comparable(answer));
      } finally {
        await mongo.close();
      }
    });
  });

  describe('the mongoose adapter on MongoDB', () => {
    it('stores a created case with the fields of its draft, its number and revision, and no other', async () => {
      const dbName = database();
      const store = caseStore(await mongoCollections(url, { dbName }));
      const { number: _number, revision: _revision, ...draft } = aCase({ submissionKey: 'raw' });
      const { case: created } = await store.create(draft, '202611');
      await store.close();
      const raw = await rawCases(dbName);
      const stored = await raw.cases.findOne({ submissionKey: 'raw' }, { projection: { _id: 0 } });
      await raw.close();
      expect(Object.keys(stored ?? {}).sort()).toEqual([...Object.keys(draft), 'number', 'revision'].sort());
      expect(stored).toEqual({ ...draft, number: created.number, revision: 1 });
    });

    it('creates the indexes it lacks at start-up and keeps one it does not know', async () => {
      const dbName = database();
      const raw = await rawCases(dbName);
      await raw.cases.createIndex({ owner: 1 }, { name: 'added_by_hand' });
      for (let start = 0; start < 2; start++) await (await mongoCollections(url, { dbName })).close();
      const names = (await raw.cases.indexes()).map((index) => index.name);
      await raw.close();
      expect(names.sort()).toEqual(
        [
          '_id_',
          'added_by_hand',
          'category_1_item_1_createdAt_-1',
          'customer.phone_1_createdAt_-1',
          'number_1',
          'status_1',
          'submissionKey_1',
        ].sort(),
      );
    });
  });

  afterAll(async () => {
    const connection = await mongoose.createConnection(url).asPromise();
    for (const name of databases) await connection.useDb(name).dropDatabase();
    await connection.close();
  });
} else {
  describe('MongoDB (mongoose) case store', () => {
    // Reported as skipped, never as passed: without a server, nothing here was checked.
    it.skip('SKIPPED: set MONGO_URL to run the store contract against a real MongoDB', () => {});
    it.skip('SKIPPED: set MONGO_URL to compare every query between mingo and MongoDB', () => {});
    it.skip('SKIPPED: set MONGO_URL to check the mongoose adapter on a real MongoDB', () => {});
  });
  console.warn(
    'MongoDB contract suite SKIPPED: MONGO_URL is not set; the mongoose adapter and the comparison of mingo with MongoDB were not run.',
  );
}
