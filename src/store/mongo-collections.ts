import mongoose, { type Connection, Schema } from 'mongoose';
import type { Case } from '../domain/case.js';
import type { Collections } from './collections.js';

// Mongoose must write what `queries.ts` says and nothing else: a path the schema lacks is an error, not a
// silent drop (the default `strict: true`), and no path has a default (arrays default to [] unless told not).
const exact = { _id: false, strict: 'throw' } as const;
const list = <T>(of: T) => ({ type: [of], default: undefined });

const deadline = new Schema(
  {
    kind: String,
    startAt: Date,
    dueAt: Date,
    span: Number,
    version: Number,
    metAt: Date,
    originalDueAt: Date,
  },
  exact,
);
const evidenceFile = new Schema({ id: String, name: String, permalink: String }, exact);
const timelineEntry = new Schema(
  { at: Date, by: String, type: String, to: String, text: String, key: String },
  exact,
);

/** The stored case; every field of `Case` must be here (test/unit/store/mongo-adapter.test.ts checks it). */
export const caseSchema = new Schema(
  {
    number: String,
    submissionKey: { type: String, required: true },
    revision: Number,
    status: String,
    customer: { name: String, phone: String },
    summary: String,
    demand: String,
    address: String,
    evidence: list(evidenceFile),
    recurrence: Boolean,
    category: String,
    class: Number,
    channel: String,
    department: String,
    compensation: Boolean,
    receiver: String,
    owner: String,
    handoverFrom: String,
    respondent: String,
    permalink: String,
    item: String,
    batch: String,
    repeat: { of: String, count: Number },
    repeatedBy: list(String),
    ladder: list(String),
    level: Number,
    createdAt: Date,
    deadlines: list(deadline),
    resolution: String,
    resolutionAction: String,
    amount: Number,
    pendingApproval: { amount: Number, text: String, by: String, action: String },
    rootCause: { cause: String, corrective: String, preventive: String, department: String, person: String },
    fixVerified: { by: String, at: Date },
    verdict: { accepted: Boolean, satisfaction: Number, comment: String },
    rejectedInto: String,
    rejectionOf: String,
    closedAt: Date,
    anonymisedAt: Date,
    timeline: list(timelineEntry),
  },
  // Indexes are built once, awaited, at start-up (below), not by mongoose in the background.
  { versionKey: false, collection: 'cases', strict: 'throw', autoIndex: false },
);
caseSchema.index({ submissionKey: 1 }, { unique: true });
caseSchema.index({ status: 1 });
caseSchema.index({ category: 1, item: 1, createdAt: -1 });
caseSchema.index({ 'customer.phone': 1, createdAt: -1 });
caseSchema.index({ number: 1 }, { unique: true, partialFilterExpression: { number: { $exists: true } } });

const counterSchema = new Schema(
  { _id: String, seq: Number },
  { versionKey: false, collection: 'counters', strict: 'throw', autoIndex: false },
);

/** Options of every write: mongoose adds no schema defaults to an upserted document. */
const WRITE = { setDefaultsOnInsert: false } as const;

const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;

/**
 * Runs an upsert; when a concurrent upsert of the same key inserted first (E11000), runs it once more, and
 * it then finds that document, as MongoDB's manual advises for upserts on a unique index.
 */
async function upserting<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return write();
  }
}

/** Collections in MongoDB through mongoose: each call runs one query of `queries.ts` as it is. */
export async function mongoCollections(
  url: string,
  options: mongoose.ConnectOptions = {},
): Promise<Collections> {
  return collectionsOver(await mongoose.createConnection(url, options).asPromise());
}

/** The collections over a mongoose connection; creates the indexes it lacks and drops none. */
export async function collectionsOver(connection: Connection): Promise<Collections> {
  const Cases = connection.model('Case', caseSchema);
  const Counters = connection.model('Counter', counterSchema);
  // createIndexes, not syncIndexes: syncIndexes drops every index the schema does not name.
  await Cases.createIndexes();
  return {
    async findCase(filter) {
      return Cases.findOne(filter, { _id: 0 }).lean<Case>();
    },
    async findPage(filter, sort, skip, limit) {
      return Cases.find(filter, { _id: 0 }).sort(sort).skip(skip).limit(limit).lean<Case[]>();
    },
    aggregateCases: (pipeline) => Cases.aggregate(pipeline as unknown as mongoose.PipelineStage[]),
    async *findCases(filter) {
      yield* Cases.find(filter, { _id: 0 }).lean<Case[]>().cursor();
    },
    async updateCase(filter, update, options) {
      const upsert = options?.upsert ?? false;
      const write = () => Cases.updateOne(filter, update, { ...WRITE, upsert });
      const result = upsert ? await upserting(write) : await write();
      return { matched: result.matchedCount > 0 };
    },
    async incrementCounter(filter, update) {
      const counter = await upserting(() =>
        Counters.findOneAndUpdate(filter, update, {
          ...WRITE,
          upsert: true,
          returnDocument: 'after',
        }).lean<{ seq: number }>(),
      );
      return Number(counter?.seq);
    },
    close: () => connection.close(),
  };
}
