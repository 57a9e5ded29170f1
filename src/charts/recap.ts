import type { Language } from '../db/schema/index.js';
import { progressStages, type Recap } from '../domain/recap/rules.js';
import { formatDate } from '../i18n/format.js';
import { catalogues } from '../i18n/index.js';

/**
 * The recap picture's definition, in one place: a pure function from recap data (and language) to
 * an Apache ECharts option, with the size it is meant for. The bot renders it on the server
 * (render.ts); a web page can pass the same option to `echarts.init(el).setOption(option)`.
 * The option is plain JSON (no functions), so it can be sent to a browser as is.
 *
 * Layout, for a phone: one tall picture. On top, per agency (one row each, by short name), a
 * stacked horizontal bar: innovations implemented from Y first (green), then ideas in progress now
 * by stage; the dashed target line at 1; agencies that met it marked ✓ in green. Below, the years
 * view: ideas pitched, innovations implemented and competition results per year.
 */
export interface ChartSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
}

type PlainChartKey = 'recap.chart.target' | 'recap.chart.axis' | 'recap.chart.yearsTitle' | 'recap.chart.pitched' | 'recap.chart.implementedYears' | 'recap.chart.results' | 'recap.chart.metAgencies';

export const CHART_FONT = 'DejaVu Sans';
const WIDTH = 1080;
const ROW = 26;
const HEADER = 150;
const YEARS_HEIGHT = 300;

export const chartColors = {
  implemented: '#2e7d32',
  trial: '#f9a825',
  initiative: '#64b5f6',
  discussed: '#90a4ae',
  pitched: '#cfd8dc',
  target: '#c62828',
  results: '#8e24aa',
  pitchedYears: '#1e88e5',
} as const;

export function recapChart(recap: Recap, lang: Language, asOf: Date, timeZone: string): ChartSpec {
  const m = catalogues[lang];
  const plain = (key: PlainChartKey): string => m[key];
  const rows = recap.agencies;
  const pdHeight = Math.max(rows.length, 1) * ROW;
  const yearsTop = HEADER + pdHeight + 110;
  const height = yearsTop + YEARS_HEIGHT + 70;
  const nonZero = (n: number) => (n > 0 ? n : null);
  const implementedName = m['recap.chart.implemented']({ year: recap.year });
  const stageName = (s: (typeof progressStages)[number]) => m['recap.chart.now']({ stage: m[`ideas.stage.${s}`] });
  const pdSeries = [
    {
      name: implementedName,
      type: 'bar',
      stack: 'pd',
      xAxisIndex: 0,
      yAxisIndex: 0,
      barWidth: ROW - 8,
      itemStyle: { color: chartColors.implemented },
      label: { show: true, color: '#ffffff', fontWeight: 'bold' },
      data: rows.map((a) => nonZero(a.implemented)),
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { color: chartColors.target, type: 'dashed', width: 2 },
        label: { formatter: plain('recap.chart.target'), position: 'start', color: chartColors.target, fontWeight: 'bold' },
        data: [{ xAxis: 1 }],
      },
    },
    // Latest stages next to the green bar: what is closest to implementation comes first.
    ...[...progressStages].reverse().map((s) => ({
      name: stageName(s),
      type: 'bar',
      stack: 'pd',
      xAxisIndex: 0,
      yAxisIndex: 0,
      itemStyle: { color: chartColors[s] },
      label: { show: true, color: s === 'trial' || s === 'pitched' ? '#263238' : '#ffffff' },
      data: rows.map((a) => nonZero(a.inProgress[s])),
    })),
  ];
  const years = recap.years.map((y) => String(y.year));
  const yearSeries = [
    { name: plain('recap.chart.pitched'), color: chartColors.pitchedYears, data: recap.years.map((y) => y.pitched) },
    { name: plain('recap.chart.implementedYears'), color: chartColors.implemented, data: recap.years.map((y) => y.implemented) },
    { name: plain('recap.chart.metAgencies'), color: '#43a047', data: recap.years.map((y) => y.agenciesMet) },
    { name: plain('recap.chart.results'), color: chartColors.results, data: recap.years.map((y) => y.results) },
  ].map((s) => ({
    name: s.name,
    type: 'bar',
    xAxisIndex: 1,
    yAxisIndex: 1,
    itemStyle: { color: s.color },
    label: { show: true, position: 'top', color: '#263238' },
    data: s.data,
  }));
  const option = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT, fontSize: 14, color: '#263238' },
    title: [
      {
        text: m['recap.chart.title']({ year: recap.year }),
        subtext: m['recap.chart.subtitle']({ year: recap.year, met: recap.totals.agenciesMet, total: recap.totals.agencies }),
        left: 'center',
        top: 12,
        textStyle: { fontFamily: CHART_FONT, fontSize: 26, fontWeight: 'bold', color: '#1b3a4b' },
        subtextStyle: { fontFamily: CHART_FONT, fontSize: 15, color: '#455a64' },
      },
      {
        text: plain('recap.chart.yearsTitle'),
        left: 24,
        top: yearsTop - 70,
        textStyle: { fontFamily: CHART_FONT, fontSize: 20, fontWeight: 'bold', color: '#1b3a4b' },
      },
      {
        text: m['recap.chart.footer']({ date: formatDate(asOf, lang, timeZone) }),
        left: 'center',
        bottom: 12,
        textStyle: { fontFamily: CHART_FONT, fontSize: 12, fontWeight: 'normal', color: '#78909c' },
      },
    ],
    legend: [
      { top: 92, left: 'center', itemGap: 30, data: pdSeries.map((s) => s.name), textStyle: { fontFamily: CHART_FONT, fontSize: 13 } },
      { top: yearsTop - 40, left: 'center', itemGap: 30, data: yearSeries.map((s) => s.name), textStyle: { fontFamily: CHART_FONT, fontSize: 13 } },
    ],
    grid: [
      { top: HEADER, left: 200, right: 110, height: pdHeight },
      { top: yearsTop, left: 60, right: 40, height: YEARS_HEIGHT - 40 },
    ],
    xAxis: [
      {
        type: 'value',
        gridIndex: 0,
        minInterval: 1,
        max: (Math.max(2, ...rows.map((a) => a.implemented + a.inProgressTotal)) as number) + 1,
        name: plain('recap.chart.axis'),
        nameLocation: 'middle',
        nameGap: 28,
        splitLine: { lineStyle: { color: '#eceff1' } },
      },
      { type: 'category', gridIndex: 1, data: years, axisLabel: { fontSize: 14, fontWeight: 'bold' } },
    ],
    yAxis: [
      {
        type: 'category',
        gridIndex: 0,
        inverse: true,
        axisTick: { show: false },
        axisLabel: { fontSize: 13, interval: 0 },
        data: rows.map((a) =>
          a.met
            ? { value: `✓ ${a.shortName}`, textStyle: { color: chartColors.implemented, fontWeight: 'bold' } }
            : { value: a.shortName, textStyle: { color: '#37474f' } },
        ),
      },
      { type: 'value', gridIndex: 1, minInterval: 1, splitLine: { lineStyle: { color: '#eceff1' } } },
      {
        // Right of each agency's bar: its ideas pitched in Y, and ★ its competition results of Y.
        type: 'category',
        gridIndex: 0,
        position: 'right',
        inverse: true,
        name: m['recap.chart.rightAxis']({ year: recap.year }),
        nameLocation: 'start',
        nameTextStyle: { fontSize: 12, color: '#455a64', align: 'right', padding: [0, 0, 0, 0] },
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { fontSize: 13, interval: 0, color: '#455a64' },
        data: rows.map((a) => (a.results > 0 ? `${a.pitched} · ★${a.results}` : String(a.pitched))),
      },
    ],
    series: [...pdSeries, ...yearSeries],
  };
  return { option, width: WIDTH, height };
}

/** Telegram takes a photo only up to width + height 10000 and a side ratio of 20; beyond, send a file. */
export function fitsPhoto(spec: Pick<ChartSpec, 'width' | 'height'>): boolean {
  const { width, height } = spec;
  return width + height <= 10000 && Math.max(width, height) / Math.min(width, height) <= 20;
}
