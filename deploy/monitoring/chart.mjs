// Renders a PNG of key metrics from a live Prometheus (HTTP API query_range): the picture in
// deploy/OPERATIONS.md. Draws an SVG page and screenshots it with headless Chromium.
//   PROM_URL=http://127.0.0.1:9099 node deploy/monitoring/chart.mjs out.png [start-epoch-seconds]
// The range runs from the given start (default: 5 minutes ago) to now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PROM_URL = process.env.PROM_URL ?? 'http://127.0.0.1:9090';
const OUT = resolve(process.argv[2] ?? 'metrics.png');
const J = 'job="chat-services"';

const PANELS = [
  { title: 'HTTP requests per second, by service', unit: '/s', expr: `sum by (service) (rate(http_server_requests_seconds_count{${J}, uri!~"/actuator/.*"}[1m]))`, legend: (m) => m.service },
  { title: 'Messages stored per second', unit: '/s', expr: `sum by (room_type) (rate(chat_messages_stored_total{${J}}[1m]))`, legend: (m) => m.room_type },
  { title: 'Open Socket.IO connections', unit: '', expr: `sum by (instance) (chat_socketio_connections{${J}})`, legend: (m) => m.instance },
  { title: 'HTTP p99 latency (ms), by service', unit: ' ms', scale: 1000, expr: `histogram_quantile(0.99, sum by (service, le) (rate(http_server_requests_seconds_bucket{${J}, uri!~"/actuator/.*"}[1m])))`, legend: (m) => m.service },
  { title: 'Send-to-deliver latency (ms)', unit: ' ms', scale: 1000, exprs: [
    { expr: `histogram_quantile(0.5, sum by (le) (rate(chat_fanout_latency_seconds_bucket{${J}}[1m])))`, legend: () => 'p50' },
    { expr: `histogram_quantile(0.99, sum by (le) (rate(chat_fanout_latency_seconds_bucket{${J}}[1m])))`, legend: () => 'p99' },
  ] },
  { title: 'Heap used (MiB), by service', unit: ' MiB', scale: 1 / 1048576, expr: `sum by (service) (jvm_memory_used_bytes{${J}, area="heap"})`, legend: (m) => m.service },
];
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const COLUMNS = 3;
const W = 440;
const H = 270;
const M = { left: 56, right: 12, top: 30, bottom: 58 };

async function range(expr, start, end, step) {
  const url = `${PROM_URL}/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=${step}`;
  const body = await (await fetch(url, { signal: AbortSignal.timeout(15_000) })).json();
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

const esc = (s) => String(s).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function panelSvg(panel, series, start, end, x0, y0) {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const values = series.flatMap((s) => s.points.map((p) => p[1]));
  const max = Math.max(1e-9, ...values) * 1.1;
  const sx = (t) => x0 + M.left + ((t - start) / (end - start)) * pw;
  const sy = (v) => y0 + M.top + ph - (v / max) * ph;
  const parts = [`<text x="${x0 + 10}" y="${y0 + 20}" class="title">${esc(panel.title)}</text>`];
  for (const f of [0, 0.5, 1]) {
    const v = max * f;
    parts.push(`<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${sy(v)}" y2="${sy(v)}" class="grid"/>`);
    parts.push(`<text x="${x0 + M.left - 4}" y="${sy(v) + 4}" class="tick" text-anchor="end">${fmt(v)}${esc(panel.unit)}</text>`);
  }
  for (const f of [0, 0.5, 1]) {
    const t = start + (end - start) * f;
    const label = new Date(t * 1000).toISOString().slice(11, 19);
    parts.push(`<text x="${sx(t)}" y="${y0 + M.top + ph + 14}" class="tick" text-anchor="${['start', 'middle', 'end'][f * 2]}">${label}</text>`);
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points.map((p, k) => `${k ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" stroke="${color}" fill="none" stroke-width="1.6"/>`);
    const lx = x0 + M.left + (i % 3) * 125;
    const ly = y0 + H - 26 + Math.floor(i / 3) * 14;
    parts.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="3" fill="${color}"/><text x="${lx + 14}" y="${ly}" class="legend">${esc(s.name)}</text>`);
  });
  if (series.length === 0) parts.push(`<text x="${x0 + W / 2}" y="${y0 + H / 2}" class="tick" text-anchor="middle">no data</text>`);
  return parts.join('');
}

const ROWS = Math.ceil(PANELS.length / COLUMNS);
const end = Math.floor(Date.now() / 1000);
const start = Math.min(end - 60, Number(process.argv[3] ?? end - 300));
const step = Math.max(2, Math.round((end - start) / 150));
const svg = [];
for (const [i, panel] of PANELS.entries()) {
  const queries = panel.exprs ?? [{ expr: panel.expr, legend: panel.legend }];
  const series = [];
  for (const q of queries) {
    for (const s of await range(q.expr, start, end, step)) {
      const points = s.values.map(([t, v]) => [t, Number(v) * (panel.scale ?? 1)]).filter((p) => Number.isFinite(p[1]));
      series.push({ name: q.legend(s.metric) ?? 'value', points });
    }
  }
  svg.push(panelSvg(panel, series, start, end, (i % COLUMNS) * W, Math.floor(i / COLUMNS) * H));
}
const html = `<!doctype html><html><body style="margin:0;background:#fff">
<svg xmlns="http://www.w3.org/2000/svg" width="${COLUMNS * W}" height="${ROWS * H}" font-family="DejaVu Sans, sans-serif">
<style>.title{font-size:13px;font-weight:bold;fill:#222}.tick{font-size:10px;fill:#555}.legend{font-size:10px;fill:#333}.grid{stroke:#e3e3e3}</style>
${svg.join('\n')}</svg></body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'chat-chart-'));
try {
  writeFileSync(join(dir, 'chart.html'), html);
  execFileSync('chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars',
    `--user-data-dir=${join(dir, 'profile')}`, `--window-size=${COLUMNS * W},${ROWS * H}`,
    `--screenshot=${OUT}`, `file://${join(dir, 'chart.html')}`,
  ], { stdio: 'ignore', timeout: 60_000 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`chart: ${OUT} (${statSync(OUT).size} bytes, ${end - start} s of data)`);
