import { describe, expect, it } from 'vitest';
import { addPending, markFailed, markRetrying, newClientMsgId, resolvePending } from '../src/state/pending.js';

const p = (id) => ({ clientMsgId: id, room: 'general', content: 'hi', senderId: 'me', createdAt: 't' });

describe('pending messages', () => {
  it('adds once per clientMsgId', () => {
    const list = addPending([], p('a'));
    expect(list).toEqual([{ ...p('a'), status: 'pending' }]);
    expect(addPending(list, p('a'))).toBe(list);
  });

  it('fails and retries keeping the same clientMsgId', () => {
    let list = addPending([], p('a'));
    list = markFailed(list, 'a', 'timeout');
    expect(list[0]).toMatchObject({ clientMsgId: 'a', status: 'failed', error: 'timeout' });
    list = markRetrying(list, 'a');
    expect(list[0]).toMatchObject({ clientMsgId: 'a', status: 'pending' });
    expect(list[0].error).toBeUndefined();
  });

  it('resolves pending entries confirmed by ack or broadcast', () => {
    const list = addPending(addPending([], p('a')), p('b'));
    expect(resolvePending(list, [{ id: 'x', clientMsgId: 'a' }]).map((q) => q.clientMsgId)).toEqual(['b']);
    expect(resolvePending(list, [{ id: 'y' }])).toBe(list);
  });

  it('does not resurrect a confirmed message when a late failure arrives', () => {
    const list = resolvePending(addPending([], p('a')), [{ clientMsgId: 'a' }]);
    expect(markFailed(list, 'a', 'timeout')).toEqual([]);
  });

  it('generates distinct ids', () => {
    expect(newClientMsgId()).not.toEqual(newClientMsgId());
  });
});
