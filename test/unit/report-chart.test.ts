import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/chat/i18n.js';
import { chartFileName, renderChart, reportChartSpec } from '../../src/chat/report-chart.js';
import { testPolicy } from '../support/harness.js';

const report = {
  report: 'weekly' as const,
  period: { from: new Date('2026-11-15T16:00:00Z'), to: new Date('2026-11-22T16:00:00Z') },
  stats: {
    total: 4,
    byCategory: [
      { key: 'delivery', count: 3 },
      { key: 'food_safety', count: 1 },
    ],
    byClass: [{ key: '1', count: 4 }],
    byDepartment: [{ key: 'delivery', count: 4 }],
    deadlines: { judged: 8, met: 6 },
    acknowledged: { judged: 4, met: 4 },
    overdue: [],
    repeats: [],
    batches: [],
    satisfaction: { average: null, count: 0 },
  },
  trend: [
    { from: new Date('2026-11-08T16:00:00Z'), judged: 4, met: 1 },
    { from: new Date('2026-11-15T16:00:00Z'), judged: 8, met: 6 },
  ],
};

describe('the report chart', () => {
  it('shows cases by category and by department, and the deadlines kept per week, in the reader’s words', () => {
    const spec = JSON.stringify(reportChartSpec(translator('zh-CN'), testPolicy(), report));
    expect(spec).toContain('"name":"配送 / 物流","count":3');
    expect(spec).toContain('"name":"Delivery","count":4');
    expect(spec).toContain('"week":"11-09","percent":25');
    expect(spec).toContain('"week":"11-16","percent":75');
  });

  it('is named by the first day it covers, a day of the policy’s time zone', () => {
    // The week begins on Monday at midnight in Shanghai, which is still Sunday in UTC.
    expect(chartFileName(report, 'Asia/Shanghai')).toBe('complaints-weekly-2026-11-16.png');
  });

  it('is drawn as a PNG in this process', async () => {
    const png = await renderChart(reportChartSpec(translator('zh-CN'), testPolicy(), report));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (process.env.CHART_PNG) writeFileSync(process.env.CHART_PNG, png);
  });
});
