// The logs view: the query language box, the volume histogram by severity, and the records.
import { api } from './api.js';
import { clear, el, formatTime } from './dom.js';
import { wireExplain } from './explain.js';
import { drawHistogram } from './histogram.js';

const $ = (id) => document.getElementById(id);

function request(context, explain) {
  const { from, to } = context.window();
  const body = { from, to, limit: Number($('logs-limit').value) };
  const service = context.service();
  if (service) body.service = service;
  const query = $('logs-query').value.trim();
  if (query) body.query = query;
  if (explain) body.explain = true;
  return body;
}

function row(record) {
  const trace = record.trace_id
    ? el('a', { href: `#trace/${encodeURIComponent(record.trace_id)}`, text: record.trace_id.slice(0, 8), title: record.trace_id })
    : '';
  return el('tr', { class: `sev-row-${record.severity}` },
    el('td', { class: 'time', text: formatTime(record.time), title: record.time }),
    el('td', { class: `sev sev-${record.severity}`, text: record.severity }),
    el('td', { text: record.service }),
    el('td', { class: 'body', text: record.body, title: record.attributes ? JSON.stringify(record.attributes) : undefined }),
    el('td', {}, trace));
}

// Draws the records and the histogram; measured (performance 'logs-render') up to the layout.
export function renderLogs(answer, fromMs, toMs) {
  performance.mark('logs-render-start');
  const records = answer.records.filter((r) => r.type === 'log');
  const body = $('logs-table').tBodies[0];
  const rows = document.createDocumentFragment();
  for (const record of records) rows.append(row(record));
  body.replaceChildren(rows);
  drawHistogram($('logs-histogram'), $('logs-legend'), records, fromMs, toMs);
  const stats = answer.stats || {};
  let summary = `${records.length} records`;
  if (stats.limit) summary += ` — the limit (${stats.limit}) was reached: these are the newest, and the histogram counts only them`;
  if (stats.partial) summary += ' — partial answer';
  for (const warning of answer.warnings || []) summary += ` — ${warning}`;
  clear($('logs-summary')).append(summary);
  void body.offsetHeight;  // the layout belongs to the render time
  performance.measure('logs-render', 'logs-render-start');
}

export function logsView(context) {
  const view = $('view-logs');
  async function search() {
    const body = request(context, false);
    view.dataset.state = 'loading';
    try {
      const answer = await api.logs(body);
      renderLogs(answer, Date.parse(body.from), Date.parse(body.to));
      context.clearError();
      view.dataset.state = 'done';
    } catch (error) {
      view.dataset.state = 'error';
      context.showError(error);
    }
  }
  $('logs-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  wireExplain(view.querySelector('.explain'), $('logs-native'), () => api.logs(request(context, true)), context.showError);
  return { show: search };
}
