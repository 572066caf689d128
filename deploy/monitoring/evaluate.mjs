// Evaluates EVERY PromQL expression of the Grafana dashboards and the alert rules against a live
// Prometheus (instant queries) and fails on any that errors or returns no data.
//
// Rules of the check:
// - Dashboard queries: Grafana variables become `$__rate_interval` -> 1m, `$instance` -> .*;
//   the result must hold at least one sample that is a number (not NaN).
// - Alert rules are read from Prometheus itself (/api/v1/rules), so only loaded rules count and
//   their evaluation health must be "ok". The full expression must evaluate without error; it
//   may be empty (a healthy system fires nothing). Its data source must not be empty: the
//   annotation `verify_query` when present, else the expression left of its first top-level
//   comparison (`up == 0` -> `up`).
//   PROM_URL=http://127.0.0.1:9099 node deploy/monitoring/evaluate.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROM_URL = process.env.PROM_URL ?? 'http://127.0.0.1:9090';
const DASHBOARDS = join(dirname(fileURLToPath(import.meta.url)), '../grafana/dashboards');

export function grafanaToPromql(expr) {
  return expr.replaceAll('$__rate_interval', '1m').replaceAll('$instance', '.*');
}

/** The part of `expr` left of its first comparison operator outside (), {}, [] and strings. */
export function leftOfComparison(expr) {
  let depth = 0;
  let quote = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    else if (depth === 0) {
      const two = expr.slice(i, i + 2);
      if (['==', '!=', '>=', '<='].includes(two) || ((c === '>' || c === '<') && expr[i + 1] !== '~')) {
        return expr.slice(0, i).trim();
      }
    }
  }
  return expr.trim();
}

async function query(promql) {
  const response = await fetch(`${PROM_URL}/api/v1/query?query=${encodeURIComponent(promql)}`, {
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.json();
  if (body.status !== 'success') {
    return { error: `${body.errorType}: ${body.error}` };
  }
  return { result: body.data.result };
}

const hasNumber = (result) => result.some((s) => !Number.isNaN(Number(s.value?.[1])));

function dashboardQueries() {
  const queries = [];
  for (const file of readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json')).sort()) {
    const dashboard = JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8'));
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        queries.push({ where: `${dashboard.uid} / ${panel.title} / ${target.refId}`, expr: grafanaToPromql(target.expr) });
      }
    }
  }
  return queries;
}

async function alertRules() {
  const response = await fetch(`${PROM_URL}/api/v1/rules`, { signal: AbortSignal.timeout(15_000) });
  const body = await response.json();
  return body.data.groups.flatMap((g) => g.rules.filter((r) => r.type === 'alerting'));
}

async function main() {
  const failures = [];
  let checked = 0;
  let failed = 0;
  for (const { where, expr } of dashboardQueries()) {
    checked++;
    const before = failures.length;
    const { error, result } = await query(expr);
    if (error) failures.push(`dashboard ${where}: ${error}\n    ${expr}`);
    else if (!hasNumber(result)) failures.push(`dashboard ${where}: no data\n    ${expr}`);
    if (failures.length > before) failed++;
  }
  const rules = await alertRules();
  if (rules.length === 0) failures.push('no alert rules loaded in Prometheus');
  for (const rule of rules) {
    checked++;
    const before = failures.length;
    if (rule.health !== 'ok') failures.push(`alert ${rule.name}: health ${rule.health} ${rule.lastError ?? ''}`);
    const full = await query(rule.query);
    if (full.error) failures.push(`alert ${rule.name}: ${full.error}`);
    const probe = rule.annotations?.verify_query ?? leftOfComparison(rule.query);
    const data = await query(probe);
    if (data.error) failures.push(`alert ${rule.name} (data): ${data.error}\n    ${probe}`);
    else if (!hasNumber(data.result)) failures.push(`alert ${rule.name} (data): no data\n    ${probe}`);
    else console.log(`  ok  alert ${rule.name}: ${data.result.length} series, firing now: ${full.result?.length ?? 0}`);
    if (failures.length > before) failed++;
  }
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(`evaluate: ${checked - failed} passed, ${failed} failed`);
  process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
