// The traces view: failed or slow traces (as `tinkr traces --failed --slow 1s`, the page's AppRequests
// query on Azure), newest first; a click opens the trace's waterfall.
import { api } from './api.js';
import { clear, el, formatDuration, formatTime } from './dom.js';
import { wireExplain } from './explain.js';
import { onSubmit, queryRequest, runInView } from './view.js';

const $ = (id) => document.getElementById(id);

function request(context, explain) {
  return queryRequest(context, {
    limit: Number($('traces-limit').value),
    failed: $('traces-failed').checked,
    slow: $('traces-slow').value.trim(),
    query: $('traces-query').value.trim(),
  }, explain);
}

function row(trace) {
  const open = () => { location.hash = `#trace/${encodeURIComponent(trace.trace_id)}`; };
  const tr = el('tr', { class: 'clickable', 'data-trace-id': trace.trace_id, title: trace.trace_id },
    el('td', { class: 'time', text: formatTime(trace.start) }),
    el('td', { text: trace.service }),
    el('td', { text: trace.name }),
    el('td', { class: 'num', text: formatDuration(trace.duration_ns) }),
    el('td', { class: trace.status === 'error' ? 'sev sev-error' : '', text: trace.status_code ? `${trace.status} ${trace.status_code}` : trace.status }),
    el('td', { class: 'num', text: String(trace.span_count) }),
    el('td', { class: 'num', text: String(trace.error_count) }));
  tr.addEventListener('click', open);
  return tr;
}

function render(answer) {
  const traces = answer.records.filter((r) => r.type === 'trace');
  const rows = document.createDocumentFragment();
  for (const trace of traces) rows.append(row(trace));
  $('traces-table').tBodies[0].replaceChildren(rows);
  const slowest = traces.reduce((a, b) => (!a || b.duration_ns > a.duration_ns ? b : a), null);
  clear($('traces-summary')).append(`${traces.length} traces` +
    (slowest ? ` — slowest ${formatDuration(slowest.duration_ns)} (${slowest.name})` : '') +
    (answer.stats?.limit ? ` — the limit (${answer.stats.limit}) was reached` : ''));
}

export function tracesView(context) {
  const view = $('view-traces');
  const search = () => runInView(view, context, async () => render(await api.traces(request(context, false))));
  onSubmit($('traces-form'), search);
  wireExplain(view.querySelector('.explain'), $('traces-native'), () => api.traces(request(context, true)), context.showError);
  return { show: search };
}
