import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** The value below which `p` percent of the values fall. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface Row {
  name: string;
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export const row = (name: string, values: number[]): Row => ({
  name,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: Math.max(...values),
  n: values.length,
});

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Prints rows with their p99 as a ratio of the baseline row's, measured in the same run. */
export function printLatencies(title: string, baseline: Row, rows: Row[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| run | n | p50 | p99 | max | p99 ÷ baseline p99 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [baseline, ...rows]) {
    const ratio = r === baseline ? 'baseline' : `${(r.p99 / baseline.p99).toFixed(2)}×`;
    console.log(`| ${r.name} | ${r.n} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${ratio} |`);
  }
}

/**
 * Alternates the baseline and the measured run in rounds within one run, so that a neighbour's load falls on
 * both alike, and prints each round's p99 ratio, their median and spread.
 */
export async function printRounds(
  title: string,
  rounds: number,
  baseline: { name: string; run: (round: number) => Promise<number[]> },
  measured: { name: string; run: (round: number) => Promise<number[]> },
): Promise<void> {
  const results: { baseline: Row; measured: Row }[] = [];
  for (let round = 0; round < rounds; round++) {
    results.push({
      baseline: row(baseline.name, await baseline.run(round)),
      measured: row(measured.name, await measured.run(round)),
    });
  }
  const ratios = results.map((r) => r.measured.p99 / r.baseline.p99);
  console.log(`\n## ${title}\n`);
  console.log('| round | baseline p50 | baseline p99 | Redress p50 | Redress p99 | p99 ÷ baseline p99 |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  results.forEach((r, i) => {
    const cells = [r.baseline.p50, r.baseline.p99, r.measured.p50, r.measured.p99].map(ms);
    console.log(`| ${i + 1} | ${cells.join(' | ')} | ${(ratios[i] ?? 0).toFixed(2)}× |`);
  });
  const median = percentile(ratios, 50);
  console.log(
    `\n${measured.name} against ${baseline.name}: median p99 ratio **${median.toFixed(2)}×** ` +
      `(spread ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}× over ${rounds} rounds)`,
  );
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Sends `count` requests at a fixed rate, without waiting for answers, and returns each one's latency. */
export async function openLoop(
  perSecond: number,
  count: number,
  send: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const started = performance.now();
  const latencies: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    latencies.push(send(i).then(() => performance.now() - sent));
  }
  return Promise.all(latencies);
}

/** Runs `work` on batches of `size` items at a time. */
export async function inBatches<T>(
  items: T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
