// Trend charts drawn by uPlot (from its webjar, served by the servlet), each with a data table as
// the accessible (and uPlot-less) fallback. Charts are updated in place with setData().

import { h, replaceChildren, stateMessage } from './dom.js';
import { day, duration, percent, count } from './format.js';

/** uPlot's IIFE build as the servlet serves it from the webjar, relative to the page. */
export const UPLOT_SCRIPT = 'vendor/uplot/uPlot.iife.min.js';

let uPlotPromise = null;

/** Loads uPlot once with a plain script element (allowed by the page's CSP: same origin). */
function loadUPlot() {
  uPlotPromise ??= new Promise((resolve, reject) => {
    if (window.uPlot) {
      resolve(window.uPlot);
      return;
    }
    const script = document.createElement('script');
    script.src = UPLOT_SCRIPT;
    script.async = true;
    script.addEventListener('load', () => (window.uPlot ? resolve(window.uPlot) : reject(new Error('uPlot missing'))));
    script.addEventListener('error', () => reject(new Error('uPlot could not be loaded')));
    document.head.append(script);
  });
  return uPlotPromise;
}

const HEIGHT = 200;

const SPECS = {
  successRate: {
    series: [{ label: 'Success rate', value: (d) => (d.successRate == null ? null : d.successRate * 100), color: 1 }],
    range: [0, 100],
    axis: (v) => `${v}%`,
    cells: [['Success rate', (d) => percent(d.successRate)], ['Builds', (d) => count(d.total)]],
  },
  duration: {
    series: [
      { label: 'p50', value: (d) => d.p50DurationMs ?? null, color: 1 },
      { label: 'p95', value: (d) => d.p95DurationMs ?? null, color: 2, dash: [6, 4] },
    ],
    axis: axisDuration,
    incrs: [1000, 5000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
      7_200_000, 14_400_000, 28_800_000, 86_400_000],
    cells: [['p50', (d) => duration(d.p50DurationMs)], ['p95', (d) => duration(d.p95DurationMs)]],
  },
  builds: {
    series: [{ label: 'Builds', value: (d) => d.total ?? 0, color: 1, bars: true }],
    axis: (v) => String(v),
    cells: [['Builds', (d) => count(d.total)], ['Failed', (d) => count(d.failed)]],
  },
};

/** One chart inside a <figure data-chart="...">: canvas area plus data table. */
export class TrendChart {
  constructor(figure) {
    this.figure = figure;
    this.spec = SPECS[figure.dataset.chart];
    this.canvas = figure.querySelector('.chart-canvas');
    this.table = figure.querySelector('.chart-table');
    this.plot = null;
    this.data = null;
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(this.canvas);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', () => this.rebuild());
  }

  /** Shows the daily series (an array of {date, total, successRate, p50DurationMs, ...}). */
  async update(daily) {
    this.renderTable(daily);
    this.data = [
      daily.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000),
      ...this.spec.series.map((s) => daily.map((d) => s.value(d))),
    ];
    this.canvas.classList.toggle('is-empty', daily.length === 0);
    let uPlot;
    try {
      uPlot = await loadUPlot();
    } catch (error) {
      replaceChildren(this.canvas, stateMessage('error', 'Chart library unavailable; see the data table.'));
      return;
    }
    if (this.plot) {
      this.plot.setData(this.data);
    } else {
      this.create(uPlot);
    }
  }

  create(uPlot) {
    this.canvas.replaceChildren();
    const colors = chartColors();
    const bars = this.spec.series.some((s) => s.bars);
    const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
    const series = [{}].concat(this.spec.series.map((s) => {
      const one = { label: s.label, stroke: colors[`series${s.color}`], width: 2, spanGaps: false,
        points: { show: !s.bars, size: 5 } };
      if (s.dash) one.dash = s.dash;
      if (s.bars) {
        one.fill = colors[`fill${s.color}`];
        one.paths = uPlot.paths.bars({ size: [0.7, 48] });
      }
      return one;
    }));
    const options = {
      width: this.width(),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        // Bars need half a day of room at each end, or the first and last bar are cut in half.
        x: bars ? { time: true, range: (u, min, max) => [min - 43_200, max + 43_200] } : { time: true },
        y: this.spec.range ? { range: this.spec.range } : { range: (u, min, max) => [0, Math.max(1, max * 1.1)] },
      },
      axes: [
        { ...axis, space: 70, values: (u, splits) => splits.map((ts) => day(new Date(ts * 1000).toISOString().slice(0, 10))) },
        { ...axis, size: 64, incrs: this.spec.incrs, values: (u, values) => values.map(this.spec.axis) },
      ],
      series,
    };
    this.plot = new uPlot(options, this.data, this.canvas);
  }

  rebuild() {
    if (!this.plot) return;
    this.plot.destroy();
    this.plot = null;
    loadUPlot().then((uPlot) => this.create(uPlot)).catch(() => {});
  }

  width() {
    return Math.max(200, Math.floor(this.canvas.clientWidth || 300));
  }

  resize() {
    if (this.plot && Math.abs(this.plot.width - this.width()) > 1) {
      this.plot.setSize({ width: this.width(), height: HEIGHT });
    }
  }

  renderTable(daily) {
    if (daily.length === 0) {
      replaceChildren(this.table, h('p', { class: 'state', text: 'No data in this window.' }));
      return;
    }
    const head = h('tr', {}, h('th', { scope: 'col', text: 'Day (UTC)' }),
      this.spec.cells.map(([label]) => h('th', { scope: 'col', text: label })));
    const rows = daily.map((d) => h('tr', {}, h('th', { scope: 'row', text: day(d.date) }),
      this.spec.cells.map(([, fn]) => h('td', { text: fn(d) }))));
    replaceChildren(this.table, h('table', { class: 'data compact' },
      h('caption', { class: 'visually-hidden', text: this.figure.querySelector('figcaption').textContent }),
      h('thead', {}, head), h('tbody', {}, rows)));
  }
}

function chartColors() {
  const style = getComputedStyle(document.documentElement);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--chart-text', '#444'),
    grid: read('--chart-grid', '#ddd'),
    series1: read('--chart-1', '#2563eb'),
    series2: read('--chart-2', '#c2410c'),
    fill1: read('--chart-1-fill', 'rgba(37, 99, 235, 0.5)'),
    fill2: read('--chart-2-fill', 'rgba(194, 65, 12, 0.4)'),
  };
}

function axisDuration(ms) {
  if (ms >= 3_600_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(1)} s`;
  return ms === 0 ? '0' : `${ms} ms`;
}
