// Prints the gzipped size of the JavaScript the browser loads up front (the entry script and
// its modulepreloads named in dist/index.html) and of the lazy chunks; fails when the initial
// JavaScript is over the budget. Run after `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 200);
const dist = new URL('../dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/?([^"]+\.css)"/g)].map((m) => m[1]);

const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let total = 0;
console.log('initial JavaScript (gzip -9):');
for (const f of initial) {
  const n = gz(f);
  total += n;
  console.log(`  ${f}  ${kb(n)}`);
}
for (const f of css) console.log(`initial CSS: ${f}  ${kb(gz(f))}`);
const lazy = readdirSync(new URL('assets/', dist)).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`));
for (const f of lazy) console.log(`lazy chunk: assets/${f}  ${kb(gz(`assets/${f}`))}`);
console.log(`initial JS total: ${kb(total)} gzipped (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB * 1024) {
  console.error('over budget');
  process.exit(1);
}
