import { describe, expect, it } from 'vitest';
import { contiguousSeq, findGaps, indexOfSeq, mergeMessages } from '../src/state/messages.js';

const msg = (seq, extra = {}) => ({
  id: `m${seq}`,
  room: 'general',
  seq,
  senderId: 'alice',
  content: `hello ${seq}`,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
  ...extra,
});

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order', () => {
    const merged = mergeMessages([], [msg(3), msg(1), msg(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('de-duplicates by id, keeping the object already rendered', () => {
    const first = msg(1);
    const merged = mergeMessages([first, msg(2)], [{ ...msg(1) }, msg(2), msg(3), msg(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(merged[0]).toBe(first);
  });

  it('returns the same array when nothing is new', () => {
    const list = [msg(1), msg(2)];
    expect(mergeMessages(list, [msg(1)])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });

  it('appends live messages, prepends history pages and interleaves gap fills', () => {
    const base = [msg(10), msg(11), msg(15)];
    expect(mergeMessages(base, [msg(16)]).map((m) => m.seq)).toEqual([10, 11, 15, 16]);
    expect(mergeMessages(base, [msg(8), msg(9)]).map((m) => m.seq)).toEqual([8, 9, 10, 11, 15]);
    expect(mergeMessages(base, [msg(14), msg(12), msg(13)]).map((m) => m.seq)).toEqual([
      10, 11, 12, 13, 14, 15,
    ]);
  });

  it('ignores malformed entries', () => {
    const merged = mergeMessages([], [null, { id: 'x' }, { ...msg(1), seq: 0 }, msg(2)]);
    expect(merged.map((m) => m.seq)).toEqual([2]);
  });

  it('stays fast with thousands of messages', () => {
    const big = Array.from({ length: 5000 }, (_, i) => msg(i + 1));
    const start = performance.now();
    let list = [];
    for (let i = 0; i < 50; i++) list = mergeMessages(list, big.slice(i * 100, i * 100 + 100).reverse());
    expect(list).toHaveLength(5000);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('contiguousSeq', () => {
  it('is null for an empty room', () => expect(contiguousSeq([])).toBeNull());
  it('stops before the first hole', () => {
    expect(contiguousSeq([msg(5), msg(6), msg(7), msg(9)])).toBe(7);
    expect(contiguousSeq([msg(1), msg(2), msg(3)])).toBe(3);
  });
});

describe('findGaps', () => {
  it('finds holes between loaded messages', () => {
    expect(findGaps([msg(1), msg(2), msg(5), msg(6), msg(9)])).toEqual([
      { afterSeq: 2, beforeSeq: 5 },
      { afterSeq: 6, beforeSeq: 9 },
    ]);
  });
  it('finds a trailing hole up to the known last seq', () => {
    expect(findGaps([msg(1), msg(2)], 4)).toEqual([{ afterSeq: 2, beforeSeq: 5 }]);
    expect(findGaps([msg(1), msg(2)], 2)).toEqual([]);
  });
  it('reports nothing for a contiguous or empty list', () => {
    expect(findGaps([msg(3), msg(4)])).toEqual([]);
    expect(findGaps([], 10)).toEqual([]);
  });
});

describe('indexOfSeq', () => {
  it('finds a seq by binary search', () => {
    const list = [msg(2), msg(4), msg(6), msg(8)];
    expect(indexOfSeq(list, 6)).toBe(2);
    expect(indexOfSeq(list, 5)).toBe(-1);
  });
});
