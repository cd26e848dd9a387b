import type { Case } from '../domain/case.js';

type Doc = Record<string, unknown>;

/** The few collection operations the store needs; Mongo and the in-memory engine each provide them. */
export interface Collections {
  findCase(filter: Doc): Promise<Case | null>;
  /** One page of the cases the filter matches, in the given order. */
  findPage(filter: Doc, sort: Record<string, 1 | -1>, skip: number, limit: number): Promise<Case[]>;
  /** Runs an aggregation pipeline over the cases. */
  aggregateCases(pipeline: Doc[]): Promise<Doc[]>;
  /** Every case the filter matches, read lazily. */
  findCases(filter: Doc): AsyncIterable<Case>;
  /** Runs an update; with `upsert`, inserts from the filter and `$setOnInsert` when nothing matches. */
  updateCase(filter: Doc, update: Doc, options?: { upsert?: boolean }): Promise<{ matched: boolean }>;
  /** Runs an upsert on a counter document and returns its `seq` afterwards. */
  incrementCounter(filter: Doc, update: Doc): Promise<number>;
  close(): Promise<void>;
}
