import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { settled } from '../support/settle.js';

/** One sample of the scrape, e.g. `redress_open_cases{class="1"}`; null when absent. */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : null;
}

describe('GET /metrics', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('counts open cases, warnings, breaches, escalations by rung, latency, the outbox, 429s and reconciles', async () => {
    h = await startHarness(testPolicy({ acknowledge: 1200, warnAt: 0.5, grace: 600 }));
    // The first card meets a 429 and is sent again after Retry-After.
    h.slack.rateLimit('chat.postMessage', 1, 1);
    const c = await h.register();
    await h.slack.waitFor((call) => call.args.channel === people.gm, 1, 10_000);
    await settled(h); // a message is counted once Slack's answer is back, just after Slack has it

    const response = await fetch(`${h.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'redress_open_cases{class="1"}')).toBe(1);
    expect(sample(text, 'redress_open_cases{class="3"}')).toBe(0);
    expect(sample(text, 'redress_warnings_total{deadline="acknowledge"}')).toBe(1);
    expect(sample(text, 'redress_deadlines_breached_total{deadline="acknowledge"}')).toBe(1);
    for (const rung of ['1', '2', '3'])
      expect(sample(text, `redress_escalations_total{rung="${rung}"}`)).toBe(1);
    expect(sample(text, 'redress_deadline_latency_seconds_count{step="escalated"}')).toBe(3);
    expect(sample(text, 'redress_deadline_latency_seconds_count{step="nudged"}')).toBe(1);
    expect(sample(text, 'redress_slack_rate_limited_total{method="chat.postMessage"}')).toBe(1);
    expect(sample(text, 'redress_reconcile_runs_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'redress_watchdog_promotions_total')).toBe(0);
    expect(sample(text, 'redress_outbox_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'redress_outbox_oldest_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('redress_slack_api_errors_total');
    expect(text).not.toContain(c.customer.phone);
  });

  it('is served by a worker on its own, with /healthz for the container', async () => {
    h = await startHarness(testPolicy(), {}, undefined, 'worker');
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(sample(text, 'redress_open_cases{class="1"}')).toBe(0);
    expect(text).toContain('redress_process_');
  });
});
