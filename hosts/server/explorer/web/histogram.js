// The log volume by severity over the window, stacked worst first, drawn on a <canvas> (as the CLI's
// `tinkr logs --histogram`: round bucket sizes, at most 30 buckets, each on a whole multiple of its
// size since the epoch).
import { clear, el } from './dom.js';

export const SEVERITIES = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unspecified'];
const BUCKET_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  86400, 172800, 604800, 2592000];
const MAX_BUCKETS = 30;

// The severities' colours are the style sheet's (--error, --warn, ...), so the page has one palette.
function colour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim() || '#9ca3af';
}

export function bucketMs(windowMs) {
  for (const seconds of BUCKET_SECONDS) if (windowMs / (seconds * 1000) <= MAX_BUCKETS) return seconds * 1000;
  return BUCKET_SECONDS[BUCKET_SECONDS.length - 1] * 1000;
}

// counts[bucket][severity], over [fromMs, toMs).
export function countBySeverity(records, fromMs, toMs) {
  const size = bucketMs(toMs - fromMs);
  const first = Math.floor(fromMs / size) * size;
  const buckets = [];
  for (let start = first; start < toMs; start += size) buckets.push({ start, counts: {}, total: 0 });
  for (const record of records) {
    const time = Date.parse(record.time);
    const index = Math.floor((time - first) / size);
    if (index < 0 || index >= buckets.length) continue;
    const severity = SEVERITIES.includes(record.severity) ? record.severity : 'unspecified';
    const weight = record.item_count || 1;
    buckets[index].counts[severity] = (buckets[index].counts[severity] || 0) + weight;
    buckets[index].total += weight;
  }
  return { size, buckets };
}

export function drawHistogram(canvas, legend, records, fromMs, toMs) {
  const { size, buckets } = countBySeverity(records, fromMs, toMs);
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 800;
  const height = canvas.clientHeight || 120;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, width, height);
  const axis = 16;
  const most = Math.max(1, ...buckets.map((b) => b.total));
  const slot = width / buckets.length;
  const present = new Set();
  buckets.forEach((bucket, i) => {
    let y = height - axis;
    for (const severity of SEVERITIES) {
      const count = bucket.counts[severity] || 0;
      if (!count) continue;
      present.add(severity);
      // A severity present in a bucket gets at least a pixel, so three errors among thousands show.
      const h = Math.max(1, (count / most) * (height - axis - 14));
      g.fillStyle = colour(severity === 'trace' || severity === 'unspecified' ? 'debug' : severity);
      g.fillRect(i * slot + 1, y - h, Math.max(1, slot - 2), h);
      y -= h;
    }
  });
  g.fillStyle = '#6b7280';
  g.font = '11px system-ui, sans-serif';
  g.textBaseline = 'top';
  const counted = buckets.reduce((sum, b) => sum + b.total, 0);
  const per = size >= 60000 ? `${size / 60000}m` : `${size / 1000}s`;
  g.fillText(counted ? `${most} per ${per}` : 'no records in the window', 2, 0);
  g.textBaseline = 'bottom';
  g.fillText(new Date(buckets[0].start).toISOString().slice(11, 16), 2, height);
  const end = new Date(toMs).toISOString().slice(11, 16);
  g.fillText(end, width - g.measureText(end).width - 2, height);
  clear(legend);
  for (const severity of SEVERITIES) {
    if (!present.has(severity)) continue;
    const total = buckets.reduce((sum, b) => sum + (b.counts[severity] || 0), 0);
    legend.append(el('span', {}, el('span', { class: `swatch sev-${severity}` }), `${severity} ${total}`));
  }
  canvas.dataset.buckets = String(buckets.length);
  canvas.dataset.counted = String(counted);
  return counted;
}
