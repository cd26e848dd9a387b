import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { DateTime } from 'luxon';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import type { Report } from '../app/ports.js';
import type { Policy } from '../domain/policy.js';
import { metPercent } from '../domain/statistics.js';
import { categoryName, type Translate } from './i18n.js';

/** A font with Chinese glyphs; resvg falls back to the system's fonts for anything else. */
const FONT = 'Noto Sans CJK SC';
const WIDTH = 520;
/** The blue of Slack's links, so the chart sits well in a message. */
const BAR = '#1264a3';

const day = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone }).toFormat('MM-dd');

/**
 * The report's chart as a Vega-Lite spec: cases by category, cases by department, and the share of deadlines
 * kept in each of the last weeks. Plain data in, so it is checked without drawing it.
 */
export function reportChartSpec(t: Translate, policy: Policy, report: Report): TopLevelSpec {
  const department = (id: string) => policy.departments.find((d) => d.id === id)?.name ?? id;
  const bars = (title: string, values: { name: string; count: number }[]) => ({
    title,
    width: WIDTH,
    data: { values },
    mark: { type: 'bar' as const, color: BAR },
    encoding: {
      y: { field: 'name', type: 'nominal' as const, title: null, sort: '-x' as const },
      x: {
        field: 'count',
        type: 'quantitative' as const,
        title: t('chart.cases'),
        axis: { tickMinStep: 1, format: 'd' },
      },
    },
  });
  const weeks = report.trend
    .map((w) => ({ week: day(w.from, policy.timezone), percent: metPercent({ deadlines: w }) }))
    .filter((w) => w.percent !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 16,
    config: { font: FONT, title: { anchor: 'start', fontSize: 14 } },
    vconcat: [
      bars(
        t('report.byCategory'),
        report.stats.byCategory.map((c) => ({ name: categoryName(t, c.key), count: c.count })),
      ),
      bars(
        t('report.byDepartment'),
        report.stats.byDepartment.map((c) => ({ name: department(c.key), count: c.count })),
      ),
      {
        title: t('chart.kept'),
        width: WIDTH,
        height: 160,
        data: { values: weeks },
        mark: { type: 'line', point: true, color: BAR },
        encoding: {
          x: { field: 'week', type: 'ordinal', title: t('chart.week'), sort: null, axis: { labelAngle: 0 } },
          y: {
            field: 'percent',
            type: 'quantitative',
            title: '%',
            scale: { domain: [0, 100] },
          },
        },
      },
    ],
  };
}

/** Where Debian (fonts-noto-cjk) keeps the Noto Sans CJK fonts. */
const FONT_DIR = '/usr/share/fonts/opentype/noto';
let fonts: string[] | undefined;

/**
 * The chart's font files, found once: the chart needs only these, not every font of the system. Empty when
 * they are not there: then the system's fonts are searched.
 */
function chartFonts(): string[] {
  fonts ??= existsSync(FONT_DIR)
    ? readdirSync(FONT_DIR)
        .filter((f) => f.startsWith('NotoSansCJK'))
        .map((f) => join(FONT_DIR, f))
    : [];
  return fonts;
}

/** Draws a chart spec as a PNG, in this process: no browser, no network. */
/** The chart's file name: the report and the first day it covers, as a day of the policy's time zone. */
export function chartFileName(report: Report, timezone: string): string {
  return `complaints-${report.report}-${DateTime.fromJSDate(report.period.from, { zone: timezone }).toISODate()}.png`;
}

export async function renderChart(spec: TopLevelSpec): Promise<Buffer> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  await view.finalize();
  const files = chartFonts();
  const font =
    files.length > 0
      ? { fontFiles: files, loadSystemFonts: false, defaultFontFamily: FONT }
      : { loadSystemFonts: true, defaultFontFamily: FONT };
  // Drawn on libuv's thread pool: the worker's event loop keeps renewing its job locks meanwhile.
  const png = await renderAsync(svg, { font, fitTo: { mode: 'zoom', value: 2 } });
  return png.asPng();
}
