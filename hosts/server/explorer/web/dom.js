// Building the page from data without ever parsing data as HTML: every text goes in as a text node,
// and control characters (and the bidirectional overrides that reorder what is shown) become
// visible escapes, as the CLI shows them on a terminal.

// C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOf(char) {
  if (NAMED[char]) return NAMED[char];
  const code = char.charCodeAt(0);
  return code <= 0xff ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
}

// The text as nodes: plain runs as text nodes, each control character as <span class="esc">\x1b</span>;
// with keepLines, line ends and tabs stay (for multi-line text such as a native query in a <pre>).
export function visibleText(text, keepLines = false) {
  const value = text == null ? '' : String(text);
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of value.matchAll(CONTROLS)) {
    if (keepLines && (match[0] === '\n' || match[0] === '\t')) continue;
    if (match.index > last) fragment.append(value.slice(last, match.index));
    const escape = document.createElement('span');
    escape.className = 'esc';
    escape.textContent = escapeOf(match[0]);
    fragment.append(escape);
    last = match.index + 1;
  }
  if (last < value.length) fragment.append(value.slice(last));
  return fragment;
}

// The text with control characters replaced by their escapes (for attributes and titles).
export function escapedText(text) {
  return (text == null ? '' : String(text)).replace(CONTROLS, escapeOf);
}

// el('td', {class: 'x', text: 'y', title: 'z'}, child...): children are nodes or strings (text);
// {lines: text} keeps the text's line ends.
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === null) continue;
    if (name === 'text' || name === 'lines') node.append(visibleText(value, name === 'lines'));
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, escapedText(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

const UNITS = [[86400e9, 'd'], [3600e9, 'h'], [60e9, 'm'], [1e9, 's'], [1e6, 'ms'], [1e3, 'µs']];

// 1234567890 ns -> "1.23s"; below a microsecond, "850ns".
export function formatDuration(ns) {
  for (const [size, unit] of UNITS) {
    if (Math.abs(ns) >= size) {
      const value = ns / size;
      return (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) + unit;
    }
  }
  return `${Math.round(ns)}ns`;
}

// "2026-12-05T02:12:16.874Z" -> "02:12:16.874" (the date when it is not today's).
export function formatTime(iso) {
  const today = new Date().toISOString().slice(0, 10);
  return iso.startsWith(today) ? iso.slice(11, 23) : iso.slice(0, 23).replace('T', ' ');
}

// "15m", "1h", "7d" -> milliseconds.
export function durationMs(text) {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[match[2]];
}
