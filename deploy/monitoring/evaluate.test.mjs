// Unit tests of the pure parts of evaluate.mjs (node --test deploy/monitoring/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grafanaToPromql, leftOfComparison } from './evaluate.mjs';

test('an alert condition is checked on the data left of its first comparison', () => {
  assert.equal(leftOfComparison('up{job="chat-services"} == 0'), 'up{job="chat-services"}');
  assert.equal(leftOfComparison('(a or b * 0) / c > 0.05'), '(a or b * 0) / c');
  assert.equal(leftOfComparison('histogram_quantile(0.99, sum by (le) (rate(x[5m]))) > 0.5'), 'histogram_quantile(0.99, sum by (le) (rate(x[5m])))');
  assert.equal(leftOfComparison('sum(lag) > 1000 and sum(deriv(lag[10m])) > 0'), 'sum(lag)');
});

test('comparison characters inside matchers, strings and regexes are not conditions', () => {
  assert.equal(leftOfComparison('x{a=~"b>c", d!="e<f"} >= 1'), 'x{a=~"b>c", d!="e<f"}');
  assert.equal(leftOfComparison('x{a!~"y"}'), 'x{a!~"y"}');
  assert.equal(leftOfComparison('rate(x[5m])'), 'rate(x[5m])');
});

test('grafana variables become a fixed window and every instance', () => {
  assert.equal(grafanaToPromql('rate(x{instance=~"$instance"}[$__rate_interval])'), 'rate(x{instance=~".*"}[1m])');
});
