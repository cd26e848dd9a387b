/**
 * `npm run bench [name…]`: runs the benchmarks (all by default) and prints each as a table of latencies with
 * ratios against a baseline measured in the same run. Names: deadlines, acks, burst, memory.
 */
import { ackLatency, burst } from './ack-latency.js';
import { deadlineLatency } from './deadline-latency.js';
import { memoryAndReconcile } from './memory-reconcile.js';
import { machine } from './support.js';

const benchmarks: Record<string, () => Promise<void>> = {
  deadlines: () => deadlineLatency([1000, 10_000, 100_000]),
  acks: ackLatency,
  burst,
  memory: memoryAndReconcile,
};

const chosen = process.argv.slice(2);
console.log(`# Redress benchmarks\n\n${machine()}, ${new Date().toISOString().slice(0, 10)}`);
for (const [name, run] of Object.entries(benchmarks)) {
  if (chosen.length === 0 || chosen.includes(name)) await run();
}
process.exit(0);
