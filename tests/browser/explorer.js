// Drives tinkr-server's web explorer in Debian's chromium (headless) with puppeteer-core: one browser,
// a page per part. Started by explorer_browser_test.cpp with the server's URL and keys in the
// environment; `node explorer.js local` runs over the demo hour, `node explorer.js azure` over the
// fake Azure. Prints one line per check, the render time of 1,000 log records, and
// "N passed, M failed"; exits 1 on any failure. Every wait has a deadline; nothing sleeps.
'use strict';
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const mode = process.argv[2] || 'local';
const base = process.env.TINKR_EXPLORER_URL;
const viewerKey = process.env.TINKR_VIEWER_KEY;
const screenshots = process.env.TINKR_SCREENSHOTS;
const WAIT = { timeout: 30000 };
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

// Runs one part; an exception (a wait past its deadline) fails it with the reason.
async function part(name, body) {
  try {
    await body();
  } catch (error) {
    check(name, false, error.message.split('\n')[0]);
  }
}

async function api(method, route, body) {
  const reply = await fetch(base + route, {
    method,
    headers: { Authorization: `Bearer ${viewerKey}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!reply.ok) throw new Error(`${method} ${route}: HTTP ${reply.status} ${await reply.text()}`);
  return reply.json();
}

async function openPage(browser) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  page.problems = [];
  // What the Content-Security-Policy blocked, and script errors: the page must cause neither.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations = (window.cspViolations || []).concat(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  return page;
}

async function noProblems(page, name) {
  const violations = await page.evaluate(() => window.cspViolations || []);
  check(`${name}: no Content-Security-Policy violation and no script error`,
    violations.length === 0 && page.problems.length === 0, [...violations, ...page.problems].join('; '));
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(screenshots, `${mode}-${name}.png`) });
}

// Marks the view stale, does what starts its query, and waits until the view is done (or failed).
async function refresh(page, view, action) {
  await page.$eval(`#view-${view}`, (section) => { section.dataset.state = 'stale'; });
  await action();
  await page.waitForSelector(`#view-${view}[data-state=done], #view-${view}[data-state=error]`, WAIT);
  const state = await page.$eval(`#view-${view}`, (section) => section.dataset.state);
  if (state !== 'done') throw new Error(`the ${view} view failed: ${await page.$eval('#error', (e) => e.textContent)}`);
}

async function enterKey(page, key) {
  await page.waitForSelector('#key-form:not([hidden])', WAIT);
  await page.$eval('#key', (input, value) => { input.value = value; }, key);
  await page.$eval('#key-form button[type=submit]', (button) => button.click());
}

async function search(page, view, settings) {
  await refresh(page, view, () => page.evaluate((name, values) => {
    for (const [id, value] of Object.entries(values)) document.getElementById(id).value = value;
    document.querySelector(`#${name}-form button[type=submit]`).click();
  }, view, settings));
}

async function showNative(page, view, expected) {
  await page.$eval(`#view-${view} .explain`, (button) => button.click());
  await page.waitForSelector(`#${view}-native:not([hidden])`, WAIT);
  const native = await page.$eval(`#${view}-native`, (pre) => pre.textContent);
  check(`${view}: "Show the native query" shows the backend's query`, native.includes(expected), native.slice(0, 200));
}

async function wrongKeys(browser) {
  const page = await openPage(browser);
  await page.goto(`${base}/#logs`);
  await part('a page without a key asks for one', async () => {
    await page.waitForSelector('#key-form:not([hidden])', WAIT);
    check('a page without a key asks for one', true);
  });
  await part('a wrong key shows the API\'s 401', async () => {
    await enterKey(page, 'not-the-key');
    await page.waitForFunction(() => document.getElementById('key-reason').textContent.includes('refused'), WAIT);
    const error = await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent));
    check('a wrong key shows the API\'s 401', error.startsWith('401 unauthenticated: '), error);
    check('the key is never in the URL', !page.url().includes('not-the-key'), page.url());
    await shot(page, 'wrong-key');
  });
  await noProblems(page, 'wrong keys');
  await page.close();
}

// Opens the explorer with the viewer key and waits for the first view.
async function signedIn(browser, service) {
  const page = await openPage(browser);
  await page.goto(`${base}/#logs`);
  await enterKey(page, viewerKey);
  await page.waitForSelector('body[data-ready=true]', WAIT);
  await page.waitForSelector('#view-logs[data-state=done], #view-logs[data-state=error]', WAIT);
  check('the key is kept in session storage', await page.evaluate(() => sessionStorage.getItem('tinkr.apiKey')) === viewerKey);
  if (service) await page.$eval('#service', (input, name) => { input.value = name; }, service);
  return page;
}

async function logs(page) {
  await part('logs: a search shows the demo\'s errors', async () => {
    await search(page, 'logs', { 'logs-query': 'level>=error', 'logs-limit': '100' });
    const rows = await page.$$eval('#logs-rows .log-row', (divs) => divs.map((row) => ({
      severity: row.children[1].textContent, body: row.children[3].textContent })));
    check('logs: a search shows the demo\'s errors', rows.length > 0 && rows.some((r) => r.body.includes('database timeout')),
      `${rows.length} rows`);
    check('logs: only error and worse', rows.every((r) => r.severity === 'error' || r.severity === 'fatal'));
    const counted = await page.$eval('#logs-histogram', (canvas) => Number(canvas.dataset.counted));
    const legend = await page.$eval('#logs-legend', (e) => e.textContent);
    check('logs: the histogram counts the records by severity', counted === rows.length && legend.includes('error'),
      `${counted} counted, legend "${legend}"`);
    await showNative(page, 'logs', 'SELECT');
    await shot(page, 'logs');
  });
  await part('logs: a query the language refuses shows the API\'s 400', async () => {
    await page.$eval('#view-logs', (section) => { section.dataset.state = 'stale'; });
    await page.evaluate(() => {
      document.getElementById('logs-query').value = 'level>=';
      document.querySelector('#logs-form button[type=submit]').click();
    });
    await page.waitForSelector('#view-logs[data-state=error]', WAIT);
    const error = await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent));
    check('logs: a query the language refuses shows the API\'s 400', error.startsWith('400 invalid_query: '), error);
  });
}

// A big JSON answer goes in chunks after its 200; one whose query failed midway ends with "error"
// (docs/server.md). The page must show that error, not the records before it as if they were all.
async function cutShortAnswer(page) {
  const name = 'logs: a big answer that failed midway shows its error, not a partial list';
  await part(name, async () => {
    const body = '{"records":[{"type":"log","service":"payments-api","body":"before the cut"}],"tables":[],' +
      '"error":{"code":"upstream_unavailable","message":"the workspace stopped answering"}}';
    const answer = (request) => (request.method() === 'POST' && request.url().endsWith('/api/v1/logs')
      ? request.respond({ status: 200, contentType: 'application/json', body })
      : request.continue());
    await page.setRequestInterception(true);
    page.on('request', answer);
    try {
      await page.$eval('#view-logs', (section) => { section.dataset.state = 'stale'; });
      await page.$eval('#logs-form button[type=submit]', (button) => button.click());
      await page.waitForSelector('#view-logs[data-state=done], #view-logs[data-state=error]', WAIT);
      const state = await page.$eval('#view-logs', (section) => section.dataset.state);
      const error = await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent));
      check(name, state === 'error' && error.includes('upstream_unavailable: the workspace stopped answering'),
        `${state}: ${error}`);
    } finally {
      page.off('request', answer);
      await page.setRequestInterception(false);
    }
  });
}

async function renderTime(page) {
  await part('logs: 1,000 records render', async () => {
    const runs = [];
    for (let i = 0; i < 3; i += 1) {
      await search(page, 'logs', { 'logs-query': '', 'logs-limit': '1000' });
      runs.push(await page.evaluate(() => performance.getEntriesByName('logs-render').pop().duration));
    }
    const rows = await page.$$eval('#logs-rows .log-row', (divs) => divs.length);
    check('logs: 1,000 records render', rows === 1000, `${rows} rows`);
    const sorted = [...runs].sort((a, b) => a - b);
    console.log(`render: ${rows} log records in ${sorted[1].toFixed(1)} ms (median of ${runs.map((r) => r.toFixed(1)).join(', ')} ms; ` +
      'table + histogram + layout, headless chromium)');
  });
}

async function metrics(page) {
  await part('metrics: the chart draws', async () => {
    await refresh(page, 'metrics', () => page.evaluate(() => { location.hash = '#metrics'; }));
    const chart = await page.$eval('.chart', (box) => ({ series: Number(box.dataset.series), points: Number(box.dataset.points) }));
    check('metrics: one chart with avg, p95 and p99', chart.series === 3 && chart.points > 0, JSON.stringify(chart));
    // The first series' colour (#2563eb) on the canvas: the line was drawn, not only the axes.
    const inked = await page.$eval('.chart canvas', (canvas) => {
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4)
        if (Math.abs(pixels[i] - 37) < 40 && Math.abs(pixels[i + 1] - 99) < 40 && Math.abs(pixels[i + 2] - 235) < 40 && pixels[i + 3] > 128) count += 1;
      return count;
    });
    check('metrics: the chart draws its lines', inked > 100, `${inked} pixels of the first series' colour`);
    await showNative(page, 'metrics', 'SELECT');
    await shot(page, 'metrics');
  });
}

async function traces(page) {
  const request = { service: 'payments-api', since: '1h', failed: true, slow: '1s', limit: 100 };
  const listed = (await api('POST', '/api/v1/traces', request)).records;
  const slowest = listed.reduce((a, b) => (b.duration_ns > a.duration_ns ? b : a));
  await part('traces: failed or slow traces are listed', async () => {
    await refresh(page, 'traces', () => page.evaluate(() => { location.hash = '#traces'; }));
    const ids = await page.$$eval('#traces-table tbody tr', (trs) => trs.map((tr) => tr.dataset.traceId));
    check('traces: failed or slow traces are listed', ids.length === listed.length && ids.includes(slowest.trace_id),
      `${ids.length} shown, ${listed.length} from the API`);
    await showNative(page, 'traces', 'SELECT');
    await shot(page, 'traces');
  });
  await part('waterfall: the slowest trace\'s spans with its critical path', async () => {
    await refresh(page, 'trace', () => page.click(`#traces-table tbody tr[data-trace-id="${slowest.trace_id}"]`));
    const answer = await api('GET', `/api/v1/traces/${slowest.trace_id}?since=1h`);
    const shown = await page.$$eval('.span-row', (rows) => rows.map((r) => ({ id: r.dataset.spanId, critical: r.dataset.critical === 'true' })));
    const spanIds = answer.records.map((s) => s.span_id).sort();
    const criticalIds = [...new Set(answer.critical_path.map((s) => s.span_id))].sort();
    check('waterfall: the slowest trace\'s spans', JSON.stringify(shown.map((s) => s.id).sort()) === JSON.stringify(spanIds),
      `${shown.length} rows, ${spanIds.length} spans`);
    check('waterfall: the critical path is marked', criticalIds.length > 0 &&
      JSON.stringify(shown.filter((s) => s.critical).map((s) => s.id).sort()) === JSON.stringify(criticalIds) &&
      (await page.$$('.critical-section')).length === answer.critical_path.length);
    await showNative(page, 'trace', 'SELECT');
    await shot(page, 'trace');
  });
  await part('waterfall: a failed trace shows its exception', async () => {
    const failedTraces = (await api('POST', '/api/v1/traces', { service: 'payments-api', since: '1h', failed: true, limit: 20 })).records;
    const withErrors = failedTraces.find((t) => t.error_count > 0);
    await refresh(page, 'trace', () => page.evaluate((id) => { location.hash = `#trace/${id}`; }, withErrors.trace_id));
    const exceptions = await page.$$eval('.span-row .exceptions', (boxes) => boxes.map((b) => b.textContent));
    const failedRows = await page.$$('.span-row.failed');
    check('waterfall: a failed trace shows its exception', exceptions.some((e) => e.includes('TimeoutError')) &&
      failedRows.length > 0 && (await page.$$('.span-track .exception-mark')).length > 0, exceptions.join(' | '));
    await shot(page, 'trace-failed');
  });
}

async function incident(page) {
  await part('incident: the report names the database timeouts', async () => {
    await refresh(page, 'incident', () => page.evaluate(() => { location.hash = '#incident'; }));
    const report = await page.$eval('#incident-report', (e) => e.textContent);
    check('incident: the report names the database timeouts', report.includes('database timeout: orders-db'), report.slice(0, 200));
    check('incident: the report shows the queries it ran', (await page.$$('#incident-report pre.native')).length > 0);
    await shot(page, 'incident');
  });
}

async function azureLogs(page) {
  await part('azure: logs load through the fake Azure', async () => {
    await search(page, 'logs', { 'logs-query': '', 'logs-limit': '100' });
    const bodies = await page.$$eval('#logs-rows .log-row', (divs) => divs.map((row) => row.children[3].textContent));
    check('azure: logs load through the fake Azure', bodies.length === 2 && bodies.includes('card declined'), bodies.join(' | '));
    check('azure: control characters and markup in a record are shown as text',
      bodies[0] === '\\x1b[31mledger <img src=x id=injected> write failed' &&
      (await page.$('#injected')) === null && (await page.$$('#logs-table .esc')).length === 1, bodies[0]);
    await showNative(page, 'logs', 'AppTraces');
    await shot(page, 'logs');
  });
}

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.TINKR_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // --no-sandbox only because the tests may run as root (CI, the bare Debian root), where
    // chromium's sandbox refuses to start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    if (mode === 'local') {
      await wrongKeys(browser);
      const page = await signedIn(browser, 'payments-api');
      await logs(page);
      await cutShortAnswer(page);
      await renderTime(page);
      await metrics(page);
      await traces(page);
      await incident(page);
      await noProblems(page, 'every view');
    } else {
      const page = await signedIn(browser, '');
      await azureLogs(page);
      await noProblems(page, 'azure');
    }
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.log(`not ok - the run stopped: ${error.stack}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
