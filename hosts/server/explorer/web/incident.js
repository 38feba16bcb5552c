// The incident report (POST /api/v1/incident, docs/incident.md): error patterns, failing operations,
// metric shifts and example traces with their critical path, then the native queries it ran.
import { api } from './api.js';
import { clear, el, formatDuration } from './dom.js';
import { onSubmit, runInView } from './view.js';

const $ = (id) => document.getElementById(id);

function table(headings, rows) {
  return el('table', { class: 'records' },
    el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => (c instanceof Node ? el('td', {}, c) : el('td', { text: String(c ?? '') })))))));
}

function section(title, content) {
  return el('div', { class: 'report-section' }, el('h2', { text: title }), content);
}

const traceLink = (id) => (id ? el('a', { href: `#trace/${encodeURIComponent(id)}`, text: id.slice(0, 8), title: id }) : '');
const number = (v) => (typeof v === 'number' ? Number(v.toPrecision(4)) : v ?? '—');

function render(report) {
  const out = clear($('incident-report'));
  out.append(section('Error patterns', table(['Pattern', 'Level', 'Count', 'Baseline', 'New', 'Example trace'],
    (report.error_patterns || []).map((p) => [p.pattern, p.severity_text, p.count, p.baseline_count, p.new ? 'new' : '', traceLink(p.trace_id)]))));
  out.append(section('Failing operations', table(['Operation', 'Requests', 'Failed', 'Slow', 'Baseline failed', 'Slowest', 'Result codes'],
    (report.failing_operations || []).map((o) => [o.name, o.requests, o.failed, o.slow, o.baseline_failed,
      formatDuration(o.max_duration_ns), Object.entries(o.result_codes || {}).map(([k, v]) => `${k}×${v}`).join(' ')]))));
  out.append(section('Metric shifts', table(['Metric', 'Window', 'Baseline', 'Score', 'Shifted'],
    (report.metric_shifts || []).map((m) => [`${m.metric} (${m.unit})`, number(m.window), number(m.baseline), number(m.score), m.shifted ? 'yes' : '']))));
  out.append(section('Example traces', table(['Why', 'Trace', 'Operation', 'Duration', 'Critical path', 'Exceptions'],
    (report.example_traces || []).map((t) => [t.why, traceLink(t.trace_id), t.name, formatDuration(t.duration_ns),
      (t.critical_path || []).map((s) => `${s.service}: ${s.name}`).join(' → '),
      (t.exceptions || []).map((e) => (typeof e === 'string' ? e : `${e.type || ''} ${e.message || ''}`)).join('; ')]))));
  const queries = el('div', {});
  for (const q of report.queries || []) queries.append(el('h3', { text: `${q.purpose} (${q.signal})` }), el('pre', { class: 'native', lines: q.native }));
  out.append(section('The native queries it ran', queries));
  for (const warning of report.warnings || []) out.append(el('p', { class: 'muted', text: `warning: ${warning}` }));
}

export function incidentView(context) {
  const view = $('view-incident');
  const build = () => runInView(view, context, async () => {
    clear($('incident-summary'));
    const service = context.service();
    if (!service) throw new Error('the incident report is about one service: pick one above');
    const { from, to } = context.window();
    const body = { service, from, to, baseline: $('incident-baseline').value };
    if ($('incident-slow').value.trim()) body.slow = $('incident-slow').value.trim();
    $('incident-summary').append(`building the report on ${service}…`);
    const report = await api.incident(body);
    render(report);
    clear($('incident-summary')).append(`${service}, ${from} .. ${to}, in ${formatDuration(report.elapsed_ns || 0)}`);
  });
  onSubmit($('incident-form'), build);
  return { show: build };
}
