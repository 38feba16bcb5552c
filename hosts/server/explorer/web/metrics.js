// The metrics view: metric names, aggregations (avg, min, max, sum, count and percentiles pNN),
// interval and group-by; one chart per metric with a line per aggregation and dimension set.
import { api } from './api.js';
import { clear } from './dom.js';
import { lineChart } from './charts.js';
import { wireExplain } from './explain.js';
import { onSubmit, queryRequest, runInView } from './view.js';

const $ = (id) => document.getElementById(id);
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

function request(context, explain) {
  const metrics = { names: list($('metrics-names').value), aggregations: list($('metrics-aggs').value) };
  if ($('metrics-interval').value) metrics.interval = $('metrics-interval').value;
  const groupBy = list($('metrics-group').value);
  if (groupBy.length) metrics.group_by = groupBy;
  return queryRequest(context, { metrics }, explain);
}

function render(answer) {
  const charts = clear($('metrics-charts'));
  const byMetric = new Map();
  for (const series of answer.records.filter((r) => r.type === 'metric_series')) {
    const key = `${series.metric}${series.unit ? ` (${series.unit})` : ''}`;
    if (!byMetric.has(key)) byMetric.set(key, []);
    byMetric.get(key).push(series);
  }
  const width = Math.max(400, charts.clientWidth || 900);
  for (const [title, seriesList] of byMetric) lineChart(charts, title, seriesList, width);
  const notices = [...(answer.stats?.notices || []), ...(answer.warnings || [])];
  clear($('metrics-summary')).append(
    `${answer.records.length} series in ${byMetric.size} chart${byMetric.size === 1 ? '' : 's'}` +
    (byMetric.size === 0 ? ' — no points in this window' : '') +
    notices.map((n) => ` — ${typeof n === 'string' ? n : JSON.stringify(n)}`).join(''));
}

export function metricsView(context) {
  const view = $('view-metrics');
  const draw = () => runInView(view, context, async () => render(await api.metrics(request(context, false))));
  onSubmit($('metrics-form'), draw);
  wireExplain(view.querySelector('.explain'), $('metrics-native'), () => api.metrics(request(context, true)), context.showError);
  return { show: draw };
}
