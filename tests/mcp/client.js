// Drives Tinkr's MCP server with the official TypeScript SDK client (@modelcontextprotocol/sdk,
// pinned by package-lock.json), and the 2026-07-28 era with raw requests. Run by mcp_client_test.cpp,
// which prepares the backend and passes everything in the environment:
//   node client.js local   TINKR_CLI, HOME (a demo hour in its local store), TINKR_MCP_URL,
//                          TINKR_VIEWER_KEY, TINKR_ONCALL_KEY (a tinkr-server over the same store)
//   node client.js azure   TINKR_CLI, TINKR_CONFIG (a profile "azure" pointing at the fake Azure)
// Prints one line per check and "N passed, M failed"; exits 1 when a check failed. Runs on node 18.
'use strict';
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const TOOLS = ['list_services', 'describe_backend', 'incident_report', 'search_logs', 'query_metrics', 'search_traces',
  'get_trace_topology', 'get_critical_path', 'get_span_details', 'get_trace_errors', 'explain',
  'run_native_query'];
const CAP = 64 * 1024;
let passed = 0;
let failed = 0;
const figures = {};

async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAILED ${name}: ${error && error.stack ? error.stack : error}`);
  }
}

async function call(client, name, args) {
  return client.callTool({ name, arguments: args });
}

function ok(result) {
  assert.equal(result.isError, false, result.content && result.content[0] && result.content[0].text);
  assert.equal(result.content[0].type, 'text');
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent, 'the text mirrors the structure');
  return result.structuredContent;
}

function toolError(result, pattern) {
  assert.equal(result.isError, true, 'a tool error, not a protocol error');
  assert.match(result.content[0].text, pattern);
  assert.match(result.content[0].text, /hint: /);
}

function pageCounts(page, key) {
  assert.equal(page.returned, page[key].length);
  assert.equal(typeof page.matched, 'number');
  assert.equal(typeof page.truncated, 'boolean');
  assert.ok(['none', 'limit', 'size_cap'].includes(page.truncated_by));
  assert.ok(Array.isArray(page.warnings));
}

async function listTools(client, label) {
  await check(`${label}: tools/list has the twelve read-only tools with both schemas`, async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), TOOLS);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.outputSchema.type, 'object', tool.name);
      assert.equal(tool.annotations.readOnlyHint, true, tool.name);
      assert.equal(tool.annotations.destructiveHint, false, tool.name);
      assert.ok(tool.description.length > 20, tool.name);
    }
  });
}

// Every tool against the demo hour of the local backend.
async function exerciseDemo(client, label, { nativeAllowed }) {
  await listTools(client, label);
  await check(`${label}: list_services names the demo's services`, async () => {
    const s = ok(await call(client, 'list_services', {}));
    const names = s.services.map((x) => x.service);
    for (const n of ['checkout', 'payments-api', 'inventory']) assert.ok(names.includes(n), names.join(','));
    assert.equal(typeof s.services[0].traces_seen, 'number');
  });
  await check(`${label}: describe_backend says local, SQL, and what it pushes down`, async () => {
    const d = ok(await call(client, 'describe_backend', {}));
    assert.equal(d.backend, 'local');
    assert.equal(d.native_language, 'sql');
    assert.ok(d.signals.includes('trace_search'));
    assert.ok(d.pushdown.operators.includes('eq'));
  });
  await check(`${label}: incident_report names the database timeout, POST /payments and the shift`, async () => {
    const reply = await call(client, 'incident_report', { service: 'payments-api', since: '1h', top: 3 });
    assert.ok(Buffer.byteLength(JSON.stringify(reply)) <= CAP);
    const r = ok(reply);
    assert.equal(r.error_patterns[0].pattern, 'database timeout: orders-db did not answer within <*>ms');
    assert.equal(r.failing_operations[0].name, 'POST /payments');
    const errorRate = r.metric_shifts.find((m) => m.metric === 'error_rate');
    assert.equal(errorRate.shifted, true);
    assert.equal(typeof errorRate.shift_start_ns, 'number');
    assert.ok(r.example_traces[0].critical_path.some((s) => s.name === 'SELECT orders' || s.name === 'INSERT payments'));
    assert.ok(r.queries.length >= 4);
  });
  await check(`${label}: search_logs returns typed records`, async () => {
    const p = ok(await call(client, 'search_logs', { service: 'payments-api', query: 'level>=error', from: 'now-1h', limit: 50 }));
    pageCounts(p, 'records');
    assert.ok(p.records.length > 0, 'the incident logs errors');
    for (const r of p.records) {
      assert.equal(typeof r.severity_number, 'number');
      assert.ok(r.severity_number >= 17);
      assert.equal(typeof r.time_ns, 'number');
      assert.equal(r.service, 'payments-api');
    }
  });
  await check(`${label}: a big search_logs stays under 64 KB, says it was cut, and pages with its cursor`, async () => {
    const first = await call(client, 'search_logs', { limit: 10000 });
    const size = Buffer.byteLength(JSON.stringify(first));
    const p = ok(first);
    figures[`${label}_big_search_logs_bytes`] = size;
    figures[`${label}_big_search_logs_matched`] = p.matched;
    assert.ok(size <= CAP, `${size} bytes`);
    assert.equal(p.truncated, true);
    assert.equal(p.truncated_by, 'size_cap');
    assert.ok(p.matched > p.returned);
    assert.equal(typeof p.next_cursor, 'string');
    assert.match(p.hint, /cursor/);
    const next = ok(await call(client, 'search_logs', { limit: 10000, cursor: p.next_cursor }));
    assert.equal(next.offset, p.returned);
    assert.equal(next.query.from, p.query.from, 'the window stays where the first page put it');
    assert.notDeepEqual(next.records[0], p.records[0]);
  });
  await check(`${label}: query_metrics gives series with numbers or null`, async () => {
    const m = ok(await call(client, 'query_metrics', { service: 'payments-api', names: ['http.server.requests'], interval: '5m' }));
    pageCounts(m, 'series');
    assert.ok(m.series.length > 0);
    for (const point of m.series[0].points) assert.ok(point.value === null || typeof point.value === 'number');
  });
  let traceId = '';
  let spanCount = 0;
  await check(`${label}: search_traces finds the incident's failed traces`, async () => {
    const t = ok(await call(client, 'search_traces', { service: 'payments-api', failed: true, limit: 5 }));
    pageCounts(t, 'traces');
    assert.ok(t.traces.length > 0);
    assert.equal(t.traces[0].has_errors, true);
    assert.equal(typeof t.traces[0].duration_ms, 'number');
    traceId = t.traces[0].trace_id;
    spanCount = t.traces[0].span_count;
  });
  let spanIds = [];
  await check(`${label}: get_trace_topology shows the span tree and the failing service`, async () => {
    const t = ok(await call(client, 'get_trace_topology', { trace_id: traceId }));
    spanIds = t.spans.map((s) => s.span_id);
    assert.equal(t.spans.length, spanCount);
    assert.equal(t.spans[0].depth, 0);
    assert.ok(t.spans.some((s) => s.depth > 0));
    assert.ok(t.services.some((s) => s.service === 'payments-api' && s.errors > 0), JSON.stringify(t.services));
  });
  await check(`${label}: get_critical_path adds up to the trace`, async () => {
    const c = ok(await call(client, 'get_critical_path', { trace_id: traceId }));
    assert.ok(c.path.length > 0);
    const share = c.by_service.reduce((a, s) => a + s.share, 0);
    assert.ok(Math.abs(share - 1) < 1e-6, String(share));
    assert.ok(c.total_ms > 0);
  });
  await check(`${label}: get_span_details gives attributes; more than 20 spans is a tool error`, async () => {
    const d = ok(await call(client, 'get_span_details', { trace_id: traceId, span_ids: spanIds.slice(0, 2) }));
    assert.equal(d.spans.length, 2);
    assert.equal(typeof d.spans[0].attributes, 'object');
    assert.equal(typeof d.spans[0].duration_ns, 'number');
    const many = Array.from({ length: 21 }, (_, i) => `span-${i}`);
    toolError(await call(client, 'get_span_details', { trace_id: traceId, span_ids: many }), /at most 20/);
  });
  await check(`${label}: get_trace_errors names the exception`, async () => {
    const e = ok(await call(client, 'get_trace_errors', { trace_id: traceId }));
    assert.ok(e.errors.length > 0);
    const messages = e.errors.flatMap((x) => x.exceptions.map((y) => y.message));
    assert.ok(messages.some((m) => /orders-db/.test(m)), messages.join('|'));
  });
  await check(`${label}: explain shows the SQL and the split`, async () => {
    const x = ok(await call(client, 'explain', { signal: 'logs', service: 'payments-api', query: 'level>=error' }));
    assert.match(x.native, /SELECT/i);
    assert.equal(typeof x.evaluated_in_core, 'boolean');
  });
  await check(`${label}: run_native_query: SELECT runs (or a viewer is told the role), writes are refused`, async () => {
    const r = await call(client, 'run_native_query', { query: 'SELECT 1 AS one, NULL AS empty' });
    if (nativeAllowed) {
      const t = ok(r);
      assert.deepEqual(t.columns.map((c) => c.name), ['one', 'empty']);
      assert.strictEqual(t.rows[0][0], 1, 'a number stays a number');
      assert.strictEqual(t.rows[0][1], null);
      toolError(await call(client, 'run_native_query', { query: 'DELETE FROM logs' }), /SELECT or WITH/);
      toolError(await call(client, 'run_native_query', { query: 'PRAGMA writable_schema = 1' }), /SELECT or WITH/);
    } else {
      toolError(r, /needs the role oncall/);
    }
  });
  await check(`${label}: model-fixable errors are tool errors with hints`, async () => {
    toolError(await call(client, 'search_logs', { query: 'level>=' }), /invalid_query/);
    toolError(await call(client, 'search_logs', { services: 'x' }), /unknown argument 'services'/);
    toolError(await call(client, 'search_logs', { from: 'yesterday-ish' }), /invalid time/);
    toolError(await call(client, 'search_logs', { cursor: 'v1:search_logs:nonsense' }), /cursor/);
  });
  await check(`${label}: an unknown tool is a protocol error (-32602)`, async () => {
    await assert.rejects(call(client, 'drop_everything', {}), (e) => e.code === -32602);
  });
}

function modernMeta() {
  return { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
}

function rawStdio(cli, env, lines) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['mcp'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', () => resolve(out.split('\n').filter((l) => l).map((l) => JSON.parse(l))));
    for (const l of lines) child.stdin.write(JSON.stringify(l) + '\n');
    child.stdin.end();
  });
}

async function modernOverStdio(cli, env) {
  await check('stdio 2026-07-28: server/discover and a tools/call without initialize', async () => {
    const replies = await rawStdio(cli, env, [
      { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: modernMeta() } },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'describe_backend', arguments: {}, _meta: modernMeta() } },
      { jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': '2024-01-01' } } },
      { jsonrpc: '2.0', id: 4, method: 'initialize', params: { _meta: modernMeta() } },
    ]);
    assert.equal(replies.length, 4);
    assert.ok(replies[0].result.supportedVersions.includes('2026-07-28'));
    assert.equal(replies[0].result.resultType, 'complete');
    assert.equal(replies[1].result.resultType, 'complete');
    assert.equal(replies[1].result.isError, false);
    assert.ok(replies[1].result._meta['io.modelcontextprotocol/serverInfo'].name);
    assert.equal(replies[2].error.code, -32022);
    assert.deepEqual(replies[2].error.data.requested, '2024-01-01');
    assert.ok(replies[2].error.data.supported.includes('2026-07-28'));
    assert.equal(replies[3].error.code, -32601, 'initialize is gone in 2026-07-28');
  });
  await check('stdio: the search_traces figure (5 calls over stdio on the demo hour: wall and server CPU)', async () => {
    const client = new Client({ name: 'tinkr-figure', version: '1' });
    const transport = new StdioClientTransport({ command: cli, args: ['mcp'], env, stderr: 'ignore' });
    await client.connect(transport);
    ok(await call(client, 'search_traces', { from: 'now-1h', limit: 20 }));  // warm: the store is open
    const cpuBefore = cpuMs(transport.pid);
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      ok(await call(client, 'search_traces', { from: 'now-1h', limit: 20 }));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const cpuPerCall = (cpuMs(transport.pid) - cpuBefore) / 5;
    await client.close();
    times.sort((a, b) => a - b);
    figures.search_traces_stdio = { wall_median_ms: times[2], wall_min_ms: times[0], server_cpu_ms_per_call: cpuPerCall };
    // Wall time depends on the machine's load, so the check is on the server's own CPU time, and loose:
    // it catches a gross regression (a scan or a process per call); the figure itself is reported.
    assert.ok(cpuPerCall < 500, `${cpuPerCall} ms of CPU a call`);
  });
}

// User + system CPU time of a process so far, from /proc (Linux; USER_HZ is 100 there), in milliseconds.
function cpuMs(pid) {
  const fields = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function post(url, headers, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, json: () => JSON.parse(text) };
}

async function modernOverHttp(url, key) {
  const auth = { Authorization: `Bearer ${key}`, Accept: 'application/json, text/event-stream' };
  const call1 = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'search_traces', arguments: { limit: 1 }, _meta: modernMeta() } };
  const routed = { ...auth, 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/call', 'Mcp-Name': 'search_traces' };
  await check('http 2026-07-28: routing headers that agree with the body are answered', async () => {
    const r = await post(url, routed, call1);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json().result.resultType, 'complete');
    assert.equal(r.json().result.structuredContent.returned, 1);
  });
  await check('http 2026-07-28: a missing or different Mcp-Name / Mcp-Method is HeaderMismatch (400, -32020)', async () => {
    for (const headers of [{ ...routed, 'Mcp-Name': 'search_logs' }, { ...routed, 'Mcp-Method': 'tools/list' },
      { ...auth, 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/call' }]) {
      const r = await post(url, headers, call1);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json().error.code, -32020);
    }
  });
  await check('http 2026-07-28: another version is UnsupportedProtocolVersion (400, -32022, data.supported)', async () => {
    const meta = { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': '2099-01-01' };
    const r = await post(url, { ...auth, 'MCP-Protocol-Version': '2099-01-01', 'Mcp-Method': 'tools/list' },
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: meta } });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.code, -32022);
    assert.ok(r.json().error.data.supported.includes('2026-07-28'));
  });
  await check('http 2026-07-28: _meta without client capabilities is invalid params', async () => {
    const r = await post(url, { ...auth, 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' },
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } });
    assert.equal(r.json().error.code, -32602);
  });
  await check('http: an SSE reply when the client accepts only text/event-stream', async () => {
    const r = await post(url, { ...routed, Accept: 'text/event-stream' }, call1);
    assert.equal(r.status, 200);
    assert.match(r.type, /text\/event-stream/);
    const data = r.text.split('\n').find((l) => l.startsWith('data: '));
    assert.equal(JSON.parse(data.slice(6)).result.resultType, 'complete');
  });
  await check('http: a notification is 202; GET is 405; a foreign Origin is 403; no key is 401', async () => {
    const n = await post(url, { ...auth, 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'notifications/cancelled' },
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, _meta: modernMeta() } });
    assert.equal(n.status, 202);
    const g = await fetch(url, { headers: auth });
    assert.equal(g.status, 405);
    const o = await post(url, { ...routed, Origin: 'http://evil.example' }, call1);
    assert.equal(o.status, 403);
    const local = await post(url, { ...routed, Origin: 'http://localhost:3000' }, call1);
    assert.equal(local.status, 200);
    const u = await post(url, { Accept: 'application/json' }, call1);
    assert.equal(u.status, 401);
  });
}

async function runLocal() {
  const env = { ...process.env };
  const cli = process.env.TINKR_CLI;
  const stdio = new Client({ name: 'tinkr-test', version: '1' });
  await stdio.connect(new StdioClientTransport({ command: cli, args: ['mcp'], env, stderr: 'ignore' }));
  await check('stdio: initialize negotiated 2025-11-25', async () => {
    assert.equal(stdio.getServerVersion().name, 'tinkr');
    assert.ok(stdio.getServerCapabilities().tools);
  });
  await exerciseDemo(stdio, 'stdio', { nativeAllowed: true });
  await stdio.close();
  await modernOverStdio(cli, env);

  const url = new URL(process.env.TINKR_MCP_URL);
  for (const [key, nativeAllowed, label] of [[process.env.TINKR_VIEWER_KEY, false, 'http viewer'], [process.env.TINKR_ONCALL_KEY, true, 'http oncall']]) {
    const client = new Client({ name: 'tinkr-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
    await exerciseDemo(client, label, { nativeAllowed });
    await client.close();
  }
  await modernOverHttp(url, process.env.TINKR_VIEWER_KEY);
}

async function runAzure() {
  const env = { ...process.env };
  const client = new Client({ name: 'tinkr-test', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.env.TINKR_CLI, args: ['mcp', '--profile', 'azure'], env, stderr: 'inherit' }));
  await listTools(client, 'azure');
  await check('azure: describe_backend says azure and KQL', async () => {
    const d = ok(await call(client, 'describe_backend', {}));
    assert.equal(d.backend, 'azure');
    assert.equal(d.native_language, 'kql');
  });
  await check('azure: list_services from AppRequests and AppTraces', async () => {
    const s = ok(await call(client, 'list_services', {}));
    assert.ok(s.services.some((x) => x.service === 'payments-api'), JSON.stringify(s));
  });
  await check('azure: search_logs decodes AppTraces with typed severities', async () => {
    const p = ok(await call(client, 'search_logs', { service: 'payments-api', query: 'level>=warn' }));
    pageCounts(p, 'records');
    assert.equal(p.records.length, 2);
    assert.equal(p.records[0].severity, 'warn');
    assert.equal(typeof p.records[0].severity_number, 'number');
  });
  await check('azure: query_metrics resolves the service through ARM', async () => {
    const m = ok(await call(client, 'query_metrics', { service: 'shop-web', names: ['requests'] }));
    assert.ok(m.series.length > 0);
    assert.ok(m.series[0].points.some((p) => p.value === null), 'a missing point is null');
  });
  let traceId = '';
  await check('azure: search_traces reads AppRequests', async () => {
    const t = ok(await call(client, 'search_traces', { service: 'payments-api', failed: true }));
    assert.ok(t.traces.length > 0);
    traceId = t.traces[0].trace_id;
  });
  await check('azure: topology, critical path, span details and errors of one trace', async () => {
    const t = ok(await call(client, 'get_trace_topology', { trace_id: traceId }));
    assert.equal(t.spans.length, 2);
    const c = ok(await call(client, 'get_critical_path', { trace_id: traceId }));
    assert.ok(c.path.length > 0);
    const d = ok(await call(client, 'get_span_details', { trace_id: traceId, span_ids: ['dep-1'] }));
    assert.equal(d.spans[0].service, 'payments-api');
    const e = ok(await call(client, 'get_trace_errors', { trace_id: traceId }));
    assert.ok(e.errors.some((x) => x.exceptions.some((y) => y.message === 'SQL command timed out')), JSON.stringify(e));
  });
  await check('azure: explain shows the KQL', async () => {
    const x = ok(await call(client, 'explain', { signal: 'logs', service: 'payments-api', query: 'level>=warn' }));
    assert.match(x.native, /AppTraces/);
  });
  await check('azure: run_native_query runs KQL and refuses management commands', async () => {
    const r = ok(await call(client, 'run_native_query', { query: 'AppRequests | take 3' }));
    assert.equal(r.language, 'kql');
    const at = (name) => r.columns.findIndex((c) => c.name === name);
    assert.strictEqual(r.rows[0][at('DurationMs')], 1500, 'a real is a number');
    assert.strictEqual(r.rows[0][at('Success')], false, 'a bool is a boolean');
    assert.strictEqual(r.rows[0][at('OperationId')], '4bf92f3577b34da6a3ce929d0e0e4736');
    for (const command of ['.drop table AppRequests', '.set-or-append T <| print 1', '  // c\n.ingest inline into table T <| 1', 'print 1; .drop table T'])
      toolError(await call(client, 'run_native_query', { query: command }), /management command/);
  });
  await client.close();
}

(async () => {
  const mode = process.argv[2];
  try {
    if (mode === 'local') await runLocal();
    else if (mode === 'azure') await runAzure();
    else throw new Error(`usage: node client.js local|azure (got ${mode})`);
  } catch (error) {
    failed++;
    console.log(`FAILED setup: ${error && error.stack ? error.stack : error}`);
  }
  console.log(`figures: ${JSON.stringify(figures)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
