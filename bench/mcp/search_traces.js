#!/usr/bin/env node
// The MCP figure (issue 17): search_traces over stdio on the demo's hour answers in < 50 ms.
// Writes the demo's hour (`tinkr demo`) into a fresh HOME of its own, starts `tinkr mcp` there (the
// local backend), speaks newline-delimited JSON-RPC to it as any MCP client does, warms it with one
// call, then times CALLS calls one after another: the median and minimum wall time of a call (request
// written to reply read) and the server's CPU time per call, from /proc. No npm packages: node alone.
// Usage: node bench/mcp/search_traces.js [TINKR] [CALLS]   (default build/release/bin/tinkr, 20)
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

const tinkr = process.argv[2] || 'build/release/bin/tinkr';
const calls = Number(process.argv[3] || 20);
const args = { from: 'now-1h', limit: 20 };

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tinkr-mcp-bench-'));
process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));
const env = { ...process.env, HOME: home };
execFileSync(tinkr, ['demo'], { env, stdio: 'ignore' });
const child = spawn(tinkr, ['mcp'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
const replies = readline.createInterface({ input: child.stdout });
const waiting = new Map();
replies.on('line', (line) => {
  const message = JSON.parse(line);
  const resolve = waiting.get(message.id);
  if (resolve) {
    waiting.delete(message.id);
    resolve(message);
  }
});
let nextId = 0;
function request(method, params) {
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
  });
}
// User + system CPU of the server so far, in ms (USER_HZ is 100 on Linux).
function cpuMs() {
  const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
async function searchTraces() {
  const reply = await request('tools/call', { name: 'search_traces', arguments: args });
  if (!reply.result || reply.result.isError) throw new Error(`search_traces failed: ${JSON.stringify(reply)}`);
  return reply.result.structuredContent.returned;
}

(async () => {
  await request('initialize', {
    protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'tinkr-bench', version: '1' },
  });
  child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
  const returned = await searchTraces();  // warm: the store is open, its pages cached
  const cpuBefore = cpuMs();
  const times = [];
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    await searchTraces();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpuPerCall = (cpuMs() - cpuBefore) / calls;
  child.stdin.end();
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`search_traces ${JSON.stringify(args)} over stdio, ${calls} calls, ${returned} traces each: ` +
              `median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms, server CPU ${cpuPerCall.toFixed(1)} ms a call ` +
              `(target: < 50 ms)`);
})().catch((error) => {
  console.error(`mcp bench: ${error.message}`);
  child.kill();
  process.exit(1);
});
