// The logs view: the query language box, the volume histogram by severity, and the records.
import { api } from './api.js';
import { clear, el, formatTime } from './dom.js';
import { wireExplain } from './explain.js';
import { drawHistogram } from './histogram.js';
import { onSubmit, queryRequest, runInView } from './view.js';

const $ = (id) => document.getElementById(id);

function request(context, explain) {
  return queryRequest(context, { limit: Number($('logs-limit').value), query: $('logs-query').value.trim() }, explain);
}

function row(record) {
  const trace = record.trace_id
    ? el('a', { href: `#trace/${encodeURIComponent(record.trace_id)}`, text: record.trace_id.slice(0, 8), title: record.trace_id })
    : '';
  return el('div', { class: 'log-row', role: 'row' },
    el('span', { class: 'time', role: 'cell', text: formatTime(record.time), title: record.time }),
    el('span', { class: `sev sev-${record.severity}`, role: 'cell', text: record.severity }),
    el('span', { role: 'cell', text: record.service }),
    el('span', { class: 'body', role: 'cell', text: record.body, title: record.attributes ? JSON.stringify(record.attributes) : undefined }),
    el('span', { role: 'cell' }, trace));
}

// Draws the records and the histogram; measured (performance 'logs-render') up to the layout.
export function renderLogs(answer, fromMs, toMs) {
  performance.mark('logs-render-start');
  const records = answer.records.filter((r) => r.type === 'log');
  const list = $('logs-rows');
  const rows = document.createDocumentFragment();
  for (const record of records) rows.append(row(record));
  list.replaceChildren(rows);
  const counted = drawHistogram($('logs-histogram'), $('logs-legend'), records, fromMs, toMs);
  const stats = answer.stats || {};
  let summary = `${records.length} records`;
  if (stats.limit) summary += ` — the limit (${stats.limit}) was reached: these are the newest, and the histogram counts only them`;
  if (stats.partial) summary += ' — partial answer';
  const outside = records.reduce((sum, r) => sum + (r.item_count || 1), 0) - counted;
  if (outside > 0) summary += ` — ${outside} fall outside the window (the backend's clock?) and are not in the histogram`;
  for (const warning of answer.warnings || []) summary += ` — ${warning}`;
  clear($('logs-summary')).append(summary);
  void list.offsetHeight;  // the layout belongs to the render time
  performance.measure('logs-render', 'logs-render-start');
}

export function logsView(context) {
  const view = $('view-logs');
  const search = () => runInView(view, context, async () => {
    const body = request(context, false);
    renderLogs(await api.logs(body), Date.parse(body.from), Date.parse(body.to));
  });
  onSubmit($('logs-form'), search);
  wireExplain(view.querySelector('.explain'), $('logs-native'), () => api.logs(request(context, true)), context.showError);
  return { show: search };
}
