import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ledger } from './ledger.mjs';

test('a message is complete once acked and received by every client', () => {
  const ledger = new Ledger('run', 2, 10, 3);
  const i = ledger.sent(1, 4, 100, false);
  const id = ledger.clientMsgId(1, 4);
  assert.equal(ledger.indexOf(id), i);
  assert.equal(ledger.complete(), false);
  ledger.acked(i, true);
  for (const client of [0, 1]) assert.equal(ledger.received(i, client, 'm1'), true);
  assert.equal(ledger.complete(), false);
  assert.equal(ledger.received(i, 2, 'm1'), true);
  assert.equal(ledger.complete(), true);
  assert.deepEqual(ledger.summary(), { sent: 1, acked: 1, unacked: 0, expected: 3, received: 3, storedTwice: 0 });
});

test('a second delivery to one client is a duplicate and not counted as received', () => {
  const ledger = new Ledger('run', 1, 5, 2);
  const i = ledger.sent(0, 0, 0, false);
  ledger.acked(i, true);
  assert.equal(ledger.received(i, 1, 'm1'), true);
  assert.equal(ledger.received(i, 1, 'm1'), false);
  assert.equal(ledger.summary().received, 1);
});

test('deliveries of one clientMsgId under different ids mark it stored twice', () => {
  const ledger = new Ledger('run', 1, 5, 2);
  const i = ledger.sent(0, 0, 0, false);
  ledger.acked(i, true);
  ledger.received(i, 0, 'm1');
  ledger.received(i, 1, 'm2');
  assert.equal(ledger.summary().storedTwice, 1);
});

test('lost deliveries and missing acks show in the summary', () => {
  const ledger = new Ledger('run', 1, 5, 2);
  const answered = ledger.sent(0, 0, 0, false);
  ledger.sent(0, 1, 0, false);
  ledger.acked(answered, true);
  ledger.received(answered, 0, 'm1');
  assert.deepEqual(ledger.summary(), { sent: 2, acked: 1, unacked: 1, expected: 2, received: 1, storedTwice: 0 });
});

test('warm-up messages are received but left out of the summary and of completeness', () => {
  const ledger = new Ledger('run', 1, 5, 1);
  const i = ledger.sent(0, 0, 0, true);
  assert.equal(ledger.isWarm(i), true);
  assert.equal(ledger.complete(), true);
  assert.equal(ledger.summary().sent, 0);
});

test('ids of other runs, unsent messages and malformed ids are unknown', () => {
  const ledger = new Ledger('run', 2, 5, 1);
  ledger.sent(0, 1, 0, false);
  for (const id of ['other-0-1', 'run-0-2', 'run-0-9', 'run-5-1', 'run-x-1', 'run-0', 'run-0-1.5', undefined, 42]) {
    assert.equal(ledger.indexOf(id), -1, String(id));
  }
  assert.equal(ledger.sent(0, 5, 0, false), -1);
});

test('a run whose bookkeeping would not fit is refused', () => {
  assert.throws(() => new Ledger('run', 5000, 3_000_000, 5000), RangeError);
});
