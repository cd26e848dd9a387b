import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CaseStore, ChatTransport, Notice } from './app/ports.js';
import type { reconcileTimers } from './app/reconcile-timers.js';
import type { Case } from './domain/case.js';
import { stepsOf } from './domain/deadlines.js';
import type { Policy } from './domain/policy.js';

/** Waiting deliveries read per scrape to find the oldest message; more than that is a backlog anyway. */
const SCAN_JOBS = 1000;

/**
 * What Redress counts, in Prometheus' text format at `GET /metrics`: one registry per process, filled by
 * decorators around the Slack client, the transport and the reconciler, and read from the store and Redis
 * when scraped.
 */
export function createMetrics(deps: { store: CaseStore; redis: Redis; queue: Queue; prefix: string }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'redress_process_' });
  const registers = [registry];

  new Gauge({
    name: 'redress_open_cases',
    help: 'Cases not resolved yet, by class',
    labelNames: ['class'],
    registers,
    async collect() {
      this.reset();
      for (const n of [1, 2, 3]) this.set({ class: String(n) }, 0);
      for await (const c of deps.store.openCases()) this.inc({ class: String(c.class) });
    },
  });
  const breached = new Counter({
    name: 'redress_deadlines_breached_total',
    help: 'Deadlines that passed unmet: the owner was nudged',
    labelNames: ['deadline'],
    registers,
  });
  const warnings = new Counter({
    name: 'redress_warnings_total',
    help: 'Warnings sent to owners before a deadline',
    labelNames: ['deadline'],
    registers,
  });
  const escalations = new Counter({
    name: 'redress_escalations_total',
    help: 'Escalations delivered, by rung of the ladder (1: department manager, 2: CS manager, 3: GM)',
    labelNames: ['rung'],
    registers,
  });
  const latency = new Histogram({
    name: 'redress_deadline_latency_seconds',
    help: 'From the time a deadline step was due to the time its message was taken by Slack',
    labelNames: ['step'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const slackErrors = new Counter({
    name: 'redress_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and error',
    labelNames: ['method', 'error'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'redress_slack_rate_limited_total',
    help: 'Slack Web API calls answered 429 Too Many Requests, by method',
    labelNames: ['method'],
    registers,
  });
  const wecomErrors = new Counter({
    name: 'redress_wecom_api_errors_total',
    help: 'WeCom API calls answered with an errcode (45009: over a rate limit) or not answered, by path and error',
    labelNames: ['path', 'error'],
    registers,
  });
  const reconciled = new Counter({
    name: 'redress_reconcile_total',
    help: 'What reconciling the timers with the store did: timers created, removed, announcements owed',
    labelNames: ['result'],
    registers,
  });
  const reconcileRuns = new Counter({
    name: 'redress_reconcile_runs_total',
    help: 'Reconcile runs',
    registers,
  });
  new Counter({
    name: 'redress_watchdog_promotions_total',
    help: 'Delayed jobs the watchdog found stuck past their time and ran, since Redis last lost its data',
    registers,
    async collect() {
      this.reset();
      this.inc(Number((await deps.redis.get(deps.queue.toKey('watchdog-overdue'))) ?? 0));
    },
  });
  new Gauge({
    name: 'redress_outbox_depth',
    help: 'Messages waiting in the outbox',
    registers,
    async collect() {
      let depth = 0;
      let cursor = '0';
      do {
        const [next, keys] = await deps.redis.scan(cursor, 'MATCH', `${deps.prefix}:outbox:*`, 'COUNT', 500);
        for (const key of keys) depth += await deps.redis.llen(key);
        cursor = next;
      } while (cursor !== '0');
      this.set(depth);
    },
  });
  new Gauge({
    name: 'redress_outbox_oldest_seconds',
    help: 'Age of the oldest delivery waiting in the outbox; 0 when none waits',
    registers,
    async collect() {
      const jobs = await deps.queue.getJobs(['wait', 'delayed', 'prioritized'], 0, SCAN_JOBS, true);
      const oldest = Math.min(...jobs.filter((j) => j?.name === 'deliver').map((j) => j.timestamp));
      this.set(Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0);
    },
  });

  return {
    registry,

    /** Counts a Web API error that a handler let through (Bolt's own clients answer requests). */
    handlerFailed(error: unknown) {
      const e = (error as { original?: unknown }).original ?? error;
      const code = (e as { code?: string }).code ?? '';
      if (code === 'slack_webapi_rate_limited_error') rateLimited.inc({ method: 'handler' });
      else if (code.startsWith('slack_webapi_'))
        slackErrors.inc({
          method: 'handler',
          error: (e as { data?: { error?: string } }).data?.error ?? code,
        });
    },

    /** Counts a WeCom API call that failed (the client's `failed`). */
    wecomFailed(path: string, error: string) {
      wecomErrors.inc({ path, error });
    },

    /** A Web API client that counts every failed call and every 429. */
    slackClient(token: string | undefined, options: WebClientOptions): WebClient {
      // Methods like chat.postMessage are bound to apiCall when the client is made, so it is overridden, not wrapped.
      return new (class extends WebClient {
        override async apiCall(method: string, args?: Record<string, unknown>) {
          try {
            return await super.apiCall(method, args);
          } catch (error) {
            const e = error as { code?: string; data?: { error?: string } };
            if (e.code === 'slack_webapi_rate_limited_error') rateLimited.inc({ method });
            else slackErrors.inc({ method, error: e.data?.error ?? e.code ?? 'unknown' });
            throw error;
          }
        }
      })(token, options);
    },

    /** Counts what the chat platform took: warnings, breaches, escalations by rung, and how late each step left. */
    watchTransport(transport: ChatTransport, policy: Policy): ChatTransport {
      /** How late a deadline's step left: from the latest such step due by now, as the case's plan has it. */
      const observe = (to: string, type: 'warned' | 'nudged' | 'escalated', c: Case, kind: string) => {
        const now = Date.now();
        const due = c.deadlines
          .filter((d) => d.kind === kind)
          .flatMap((d) => stepsOf(d, c.ladder, policy.deadlines))
          .filter((s) => s.type === type && s.to === to && s.at.getTime() <= now)
          .map((s) => s.at.getTime());
        if (due.length > 0) latency.observe({ step: type }, (now - Math.max(...due)) / 1000);
      };
      const count = (to: string, notice: Notice, c: Case) => {
        if (notice.kind === 'warned') warnings.inc({ deadline: notice.deadline });
        if (notice.kind === 'nudged') breached.inc({ deadline: notice.deadline });
        if (notice.kind === 'escalated') escalations.inc({ rung: String(c.ladder.indexOf(to)) });
        if (notice.kind === 'warned' || notice.kind === 'nudged')
          observe(to, notice.kind, c, notice.deadline);
        // An escalation a person asked for (Escalate now) names no deadline: it has no due time to be late for.
        if (notice.kind === 'escalated' && notice.deadline) observe(to, 'escalated', c, notice.deadline);
      };
      return {
        ...transport,
        async notify(to, notice, c) {
          const delivery = await transport.notify(to, notice, c);
          if (delivery.kind === 'sent') count(to, notice, c);
          return delivery;
        },
        async digest(to, cases, reached) {
          const delivery = await transport.digest(to, cases, reached);
          if (delivery.kind !== 'sent') return delivery;
          for (const c of cases)
            for (const deadline of reached?.get(c.number) ?? [undefined])
              count(to, { kind: 'escalated', ...(deadline ? { deadline } : {}) }, c);
          return delivery;
        },
      };
    },

    /** Counts what each reconcile run did. */
    watchReconcile(reconcile: ReturnType<typeof reconcileTimers>): ReturnType<typeof reconcileTimers> {
      return async () => {
        const counts = await reconcile();
        reconcileRuns.inc();
        reconciled.inc({ result: 'created' }, counts.created);
        reconciled.inc({ result: 'removed' }, counts.removed);
        reconciled.inc({ result: 'announced' }, counts.announced);
        return counts;
      };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
