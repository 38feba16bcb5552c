// The explorer's start: the API key (asked for only when the server wants one), the service picker,
// the time window, and the views by the URL's fragment (#logs, #metrics, #traces, #trace/ID,
// #incident). Nothing here builds HTML from data (dom.js).
import { api, ApiError, saveKey, savedKey } from './api.js';
import { clear, durationMs, el, show } from './dom.js';
import { incidentView } from './incident.js';
import { logsView } from './logs.js';
import { metricsView } from './metrics.js';
import { tracesView } from './traces.js';
import { traceView } from './waterfall.js';

const $ = (id) => document.getElementById(id);
// How many of the newest log records and traces are sampled for the service picker (as MCP's
// list_services: no backend call lists services).
const SAMPLE = 1000;

function askForKey(reason) {
  clear($('key-reason')).append(reason);
  show($('key-form'), true);
  $('key').focus();
}

const context = {
  service: () => $('service').value.trim(),
  since: () => $('since').value,
  // The window as absolute instants, so that the query and the histogram's buckets cover the same time.
  window() {
    const to = Date.now();
    return { from: new Date(to - durationMs($('since').value)).toISOString(), to: new Date(to).toISOString() };
  },
  showError(error) {
    // A first visit without a key gets the key form, not an error.
    if (error instanceof ApiError && error.status === 401 && !savedKey()) return askForKey('This server asks for an API key.');
    const box = $('error');
    clear(box).append(error instanceof ApiError ? error.describe() : String(error.message || error));
    box.dataset.code = error.code || 'client';
    show(box, true);
    if (error instanceof ApiError && error.status === 401) askForKey('The server refused this key.');
  },
  clearError() {
    show($('error'), false);
  },
};

const views = {
  logs: logsView(context),
  metrics: metricsView(context),
  traces: tracesView(context),
  trace: traceView(context),
  incident: incidentView(context),
};

function route() {
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  const view = views[name] ? name : 'logs';
  for (const section of document.querySelectorAll('.view')) show(section, section.id === `view-${view}`);
  for (const link of document.querySelectorAll('#tabs a'))
    link.classList.toggle('active', link.dataset.view === view || (view === 'trace' && link.dataset.view === 'traces'));
  if (view === 'trace') return views.trace.show(decodeURIComponent(rest.join('/')));
  return views[view].show();
}

async function loadServices() {
  const { from, to } = context.window();
  const answers = await Promise.allSettled([api.logs({ from, to, limit: SAMPLE }), api.traces({ from, to, limit: SAMPLE })]);
  const seen = new Map();
  for (const answer of answers) {
    if (answer.status !== 'fulfilled') continue;
    for (const record of answer.value.records) if (record.service) seen.set(record.service, (seen.get(record.service) || 0) + 1);
  }
  const names = [...seen.keys()].sort();
  $('services').replaceChildren(...names.map((name) => el('option', { value: name })));
  // The busiest service is where a look usually starts.
  if (!context.service() && names.length) $('service').value = [...seen].sort((a, b) => b[1] - a[1])[0][0];
}

async function start() {
  try {
    const backends = await api.backends();
    show($('key-form'), false);
    const backend = backends.backends?.[0];
    clear($('backend')).append(backend ? `${backend.name} (${backend.profile || 'default'})` : '');
    await loadServices();
    document.body.dataset.ready = 'true';
    await route();
  } catch (error) {
    context.showError(error);
  }
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  saveKey($('key').value);
  $('key').value = '';
  context.clearError();
  start();
});
$('change-key').addEventListener('click', () => askForKey('Enter another key (or none, to forget this one).'));
window.addEventListener('hashchange', route);
$('service').addEventListener('change', route);
$('since').addEventListener('change', () => loadServices().then(route));
start();
