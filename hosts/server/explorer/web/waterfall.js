// One trace as a waterfall: each span a bar on the trace's time line, indented under its parent;
// the critical path (computed by the server, core/include/tinkr/critical_path.hpp) drawn dark over
// the bars it runs through; failed spans red; exceptions (span events named "exception", as
// OpenTelemetry records them) marked on the bar and spelled out under it.
import { api } from './api.js';
import { clear, el, formatDuration } from './dom.js';
import { wireExplain } from './explain.js';
import { runInView } from './view.js';

const $ = (id) => document.getElementById(id);

// Spans depth first, children by start time; spans whose parent is not in the trace start new roots.
function ordered(spans) {
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map();
  const roots = [];
  for (const span of spans) {
    if (span.parent_span_id && ids.has(span.parent_span_id)) {
      if (!children.has(span.parent_span_id)) children.set(span.parent_span_id, []);
      children.get(span.parent_span_id).push(span);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a, b) => a.start_ns - b.start_ns;
  const out = [];
  const visit = (span, depth) => {
    out.push({ span, depth });
    for (const child of (children.get(span.span_id) || []).sort(byStart)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  return out;
}

function exceptionsOf(span) {
  const events = Array.isArray(span.events) ? span.events : [];
  return events.filter((e) => e.name === 'exception').map((e) => ({
    time: e.time_unix_nano,
    text: `${e.attributes?.['exception.type'] || 'exception'}: ${e.attributes?.['exception.message'] || ''}`,
  }));
}

function placed(node, left, width) {
  node.style.left = `${left}%`;
  if (width !== undefined) node.style.width = `${width}%`;
  return node;
}

function render(answer, id) {
  const spans = answer.records.filter((r) => r.type === 'span');
  const waterfall = clear($('waterfall'));
  clear($('trace-title')).append(`Trace ${id}`);
  if (spans.length === 0) {
    clear($('trace-summary')).append('no spans of this trace in the window: widen "Last" above');
    return;
  }
  const start = Math.min(...spans.map((s) => s.start_ns));
  const end = Math.max(...spans.map((s) => s.start_ns + s.duration_ns));
  const total = Math.max(1, end - start);
  const pct = (ns) => ((ns - start) / total) * 100;
  const sections = new Map();
  for (const section of answer.critical_path || []) {
    if (!sections.has(section.span_id)) sections.set(section.span_id, []);
    sections.get(section.span_id).push(section);
  }
  let failed = 0;
  for (const { span, depth } of ordered(spans)) {
    const onPath = sections.has(span.span_id);
    const isFailed = span.status === 'error';
    if (isFailed) failed += 1;
    const label = el('div', { class: 'span-label', title: `${span.service} ${span.name}` },
      el('span', { class: 'service', text: span.service }), el('span', { text: span.name }));
    label.style.paddingLeft = `${depth * 14}px`;
    const track = el('div', { class: 'span-track' },
      placed(el('div', { class: 'span-bar' }), pct(span.start_ns), (span.duration_ns / total) * 100));
    for (const section of sections.get(span.span_id) || [])
      track.append(placed(el('div', { class: 'critical-section' }), pct(section.start_ns), ((section.end_ns - section.start_ns) / total) * 100));
    const exceptions = exceptionsOf(span);
    for (const exception of exceptions)
      track.append(placed(el('span', { class: 'exception-mark', text: '\u25c6', title: exception.text }), pct(exception.time)));
    track.append(placed(el('span', { class: 'span-duration', text: formatDuration(span.duration_ns) }),
      Math.min(92, pct(span.start_ns + span.duration_ns) + 0.5)));
    const row = el('div', {
      class: `span-row${onPath ? ' on-critical-path' : ''}${isFailed ? ' failed' : ''}`,
      'data-span-id': span.span_id, 'data-critical': onPath ? 'true' : 'false',
    }, label, track);
    if (exceptions.length) row.append(el('div', { class: 'exceptions' }, ...exceptions.map((e) => el('div', { text: `\u25c6 ${e.text}` }))));
    waterfall.append(row);
  }
  clear($('trace-summary')).append(`${spans.length} spans, ${formatDuration(total)}, ${failed} failed; ` +
    `${sections.size} on the critical path`);
}

export function traceView(context) {
  const view = $('view-trace');
  let current = '';
  wireExplain(view.querySelector('.explain'), $('trace-native'), () => api.trace(current, context.since(), true), context.showError);
  return {
    show(id) {
      current = id;
      $('trace-native').hidden = true;
      return runInView(view, context, async () => render(await api.trace(id, context.since(), false), id));
    },
  };
}
