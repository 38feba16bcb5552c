// Every call to tinkr-server's API: the key the user entered (session storage only, sent as the
// Authorization header, never in a URL) and the API's errors as ApiError with its code and status.
const KEY_NAME = 'tinkr.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
  // What the page shows: the HTTP status, the API's error code and its message.
  describe() {
    return `${this.status} ${this.code}: ${this.message}`;
  }
}

export function savedKey() {
  return sessionStorage.getItem(KEY_NAME) || '';
}

export function saveKey(key) {
  if (key) sessionStorage.setItem(KEY_NAME, key);
  else sessionStorage.removeItem(KEY_NAME);
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = savedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let reply;
  try {
    reply = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
    });
  } catch (cause) {
    throw new ApiError(0, 'unreachable', `the server did not answer (${cause.message})`);
  }
  const text = await reply.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(reply.status, 'invalid_answer', `the server answered HTTP ${reply.status} with something that is not JSON`);
  }
  // A big answer is sent in chunks after its status: one that failed midway is a 200 ending with "error".
  if (!reply.ok || (json && json.error)) {
    const error = json && json.error ? json.error : { code: 'http_' + reply.status, message: text.slice(0, 200) };
    throw new ApiError(reply.status, error.code, error.message);
  }
  return json;
}

export const api = {
  backends: () => call('GET', '/api/v1/backends'),
  logs: (request) => call('POST', '/api/v1/logs', request),
  metrics: (request) => call('POST', '/api/v1/metrics', request),
  traces: (request) => call('POST', '/api/v1/traces', request),
  trace: (id, since, explain) =>
    call('GET', `/api/v1/traces/${encodeURIComponent(id)}?since=${encodeURIComponent(since)}${explain ? '&explain=true' : ''}`),
  incident: (request) => call('POST', '/api/v1/incident', request),
};
