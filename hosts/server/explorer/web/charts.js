// Time series charts with uPlot (vendor/uPlot.iife.min.js, v1.6.32, MIT: vendor/uPlot.LICENSE.txt).
// A point a series does not have is a gap, never a zero (as the CLI's charts).
import { el } from './dom.js';

const PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d'];

function label(series) {
  const dims = series.dimensions && Object.keys(series.dimensions).length
    ? ' ' + Object.entries(series.dimensions).map(([k, v]) => `${k}=${v}`).join(',')
    : '';
  return `${series.aggregation}${dims}`;
}

// One chart of several series (of one metric): the union of their times on the x axis.
export function lineChart(container, title, seriesList, width) {
  const times = [...new Set(seriesList.flatMap((s) => s.points.map((p) => Date.parse(p.time) / 1000)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const data = [times];
  let points = 0;
  for (const series of seriesList) {
    const values = new Array(times.length).fill(null);
    for (const p of series.points) {
      if (p.value === null) continue;
      values[index.get(Date.parse(p.time) / 1000)] = p.value;
      points += 1;
    }
    data.push(values);
  }
  const box = el('div', { class: 'chart', 'data-points': String(points), 'data-series': String(seriesList.length) },
    el('h3', { text: title }));
  container.append(box);
  const unit = seriesList[0].unit || '';
  new window.uPlot({
    width,
    height: 220,
    scales: { x: { time: true } },
    axes: [{}, { label: unit, size: 60 }],
    series: [{}, ...seriesList.map((s, i) => ({
      label: label(s), stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false,
      value: (u, v) => (v == null ? '—' : `${Number(v.toPrecision(4))} ${unit}`),
    }))],
  }, data, box);
  return box;
}
