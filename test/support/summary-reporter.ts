import type { Reporter, TestModule } from 'vitest/node';
import { STORE_ENGINE } from './test-store.js';

/**
 * Ends the run with what was skipped, by name, the store the end-to-end tests ran on, and one plain line,
 * `N passed, N failed, N skipped`, that any CI can read.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const skipped: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed' || state === 'skipped') counts[state]++;
        if (state === 'skipped')
          skipped.push(`  ${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
      }
    }
    const lines = [
      '',
      ...(skipped.length > 0 ? ['skipped, not checked:', ...skipped] : []),
      STORE_ENGINE === 'MongoDB'
        ? 'store: the end-to-end tests and the store contract ran on MongoDB (MONGO_URL)'
        : 'store: the end-to-end tests ran on the in-memory store; set MONGO_URL to run them, and the MongoDB contract suite, on MongoDB',
      `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  }
}
