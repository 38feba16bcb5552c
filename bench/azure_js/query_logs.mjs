// Microsoft's JavaScript Log Analytics client (@azure/monitor-query-logs) fetching one answer from the
// fake Log Analytics, as bench/real_link.sh times it beside tinkr: one queryWorkspace call, every row
// counted. Prints "<rows> <milliseconds>". The fake takes any bearer token; NODE_EXTRA_CA_CERTS
// trusts its CA. Usage: node query_logs.mjs <https base URL> <workspace id>
import { LogsQueryClient } from "@azure/monitor-query-logs";

const [base, workspace] = process.argv.slice(2);
if (!base || !workspace) {
  console.error("usage: node query_logs.mjs <https base URL> <workspace id>");
  process.exit(2);
}
const credential = {
  getToken: async () => ({ token: "bench-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const client = new LogsQueryClient(credential, { endpoint: `${base}/v1` });
const started = performance.now();
const result = await client.queryWorkspace(workspace, "AppTraces | take 100000", { duration: "PT1H" });
let rows = 0;
for (const table of result.tables ?? []) rows += table.rows.length;
const elapsed = performance.now() - started;
if (result.status !== "Success") {
  console.error(`query_logs: ${result.status}`);
  process.exit(1);
}
console.log(`${rows} ${elapsed.toFixed(1)}`);
