import mongoose, { Schema } from 'mongoose';
import type { Case } from '../domain/case.js';
import type { Collections } from './collections.js';

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
  { _id: false },
);
const timelineEntry = new Schema(
  { at: Date, by: String, type: String, to: String, text: String, key: String },
  { _id: false },
);

const caseSchema = new Schema(
  {
    number: String,
    submissionKey: { type: String, required: true },
    revision: Number,
    status: String,
    customer: { name: String, phone: String },
    summary: String,
    category: String,
    class: Number,
    channel: String,
    department: String,
    compensation: Boolean,
    receiver: String,
    owner: String,
    handoverFrom: String,
    respondent: String,
    item: String,
    batch: String,
    repeat: { of: String, count: Number },
    repeatedBy: [String],
    ladder: [String],
    level: Number,
    createdAt: Date,
    deadlines: [deadline],
    resolution: String,
    resolutionAction: String,
    amount: Number,
    pendingApproval: { amount: Number, text: String, by: String },
    rootCause: { cause: String, corrective: String, preventive: String, department: String },
    verdict: { accepted: Boolean, satisfaction: Number, comment: String },
    rejectedInto: String,
    rejectionOf: String,
    card: { channel: String, ts: String },
    threaded: Number,
    timeline: [timelineEntry],
  },
  { versionKey: false, collection: 'cases' },
);
caseSchema.index({ submissionKey: 1 }, { unique: true });
caseSchema.index({ status: 1 });
caseSchema.index({ category: 1, item: 1, createdAt: -1 });
caseSchema.index({ 'customer.phone': 1, createdAt: -1 });
caseSchema.index({ number: 1 }, { unique: true, partialFilterExpression: { number: { $exists: true } } });

const counterSchema = new Schema({ _id: String, seq: Number }, { versionKey: false, collection: 'counters' });

/** Collections in MongoDB through mongoose: each call runs one query of `queries.ts` as it is. */
export async function mongoCollections(url: string, options: { dbName?: string } = {}): Promise<Collections> {
  const connection = await mongoose.createConnection(url, options).asPromise();
  const Cases = connection.model('Case', caseSchema);
  const Counters = connection.model('Counter', counterSchema);
  await Cases.syncIndexes();
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
      const result = await Cases.updateOne(filter, update, { upsert: options?.upsert ?? false });
      return { matched: result.matchedCount > 0 };
    },
    async incrementCounter(filter, update) {
      const counter = await Counters.findOneAndUpdate(filter, update, {
        upsert: true,
        returnDocument: 'after',
      }).lean<{ seq: number }>();
      return Number(counter?.seq);
    },
    close: () => connection.close(),
  };
}
