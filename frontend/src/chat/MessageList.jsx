import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Virtuoso } from 'react-virtuoso';
import MessageItem from './MessageItem.jsx';
import { indexOfSeq } from '../state/messages.js';

// Virtuoso keeps the scroll position when items are prepended if firstItemIndex drops by the
// number of prepended items. We anchor on the first message seen at mount: the index is
// BASE minus how many messages now sit before it.
const BASE = 1_000_000_000;

/**
 * The virtualized message list of one room (mount it with key={room}). Starts at the newest
 * message, follows new output only while the user is at the bottom, loads older history when
 * the top is reached, and scrolls to a focused message (search jump).
 */
export default function MessageList({ room, title, messages, pending, me, focus, hasOlder, loadingOlder, onLoadOlder, onRetry, onAtBottom }) {
  const ref = useRef(null);
  const anchorSeq = useRef(null);
  if (anchorSeq.current == null && messages.length) anchorSeq.current = messages[0].seq;
  const anchorIndex = anchorSeq.current == null ? 0 : Math.max(0, indexOfSeq(messages, anchorSeq.current));
  const firstItemIndex = BASE - anchorIndex;

  const items = useMemo(() => (pending.length ? messages.concat(pending) : messages), [messages, pending]);
  const [atBottom, setAtBottom] = useState(true);
  // Whether new messages keep the view at the bottom. Only the user scrolling up (wheel, touch,
  // keys, scrollbar) or a jump turns it off: the list also moves when content grows, items get
  // measured or a banner shrinks the viewport, and must keep following then. Reaching the bottom
  // turns it on again.
  const stick = useRef(true);
  const lastTop = useRef(0);
  const lastInput = useRef(0);
  const userInput = useCallback(() => {
    lastInput.current = Date.now();
  }, []);
  const onScroll = useCallback((e) => {
    const el = e.currentTarget;
    const top = el.scrollTop;
    if (el.scrollHeight - top - el.clientHeight < 48) stick.current = true;
    else if (top < lastTop.current - 2 && Date.now() - lastInput.current < 1000) stick.current = false;
    lastTop.current = top;
  }, []);
  const scroller = useRef(null);
  const scrollerRef = useCallback(
    (el) => {
      scroller.current?.removeEventListener('scroll', onScroll);
      scroller.current = el;
      el?.addEventListener('scroll', onScroll, { passive: true });
    },
    [onScroll],
  );

  const changeAtBottom = useCallback(
    (value) => {
      setAtBottom(value);
      onAtBottom?.(value || stick.current);
    },
    [onAtBottom],
  );

  // Virtuoso asks whenever the list grows; only messages added at the end (not a page of
  // history prepended, which lowers firstItemIndex) may move the view.
  const current = useRef({ count: items.length, first: firstItemIndex });
  current.current = { count: items.length, first: firstItemIndex };
  const seen = useRef({ count: items.length, first: firstItemIndex });
  const followOutput = useCallback((bottom) => {
    const now = current.current;
    const appended = now.count - seen.current.count - (seen.current.first - now.first);
    seen.current = now;
    return appended > 0 && (bottom || stick.current) ? 'auto' : false;
  }, []);

  // My own new message always scrolls into view.
  const lastPending = pending.length ? pending[pending.length - 1].clientMsgId : null;
  useEffect(() => {
    if (!lastPending) return;
    stick.current = true;
    ref.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  }, [lastPending]);

  // A search jump: scroll to the message once it is loaded.
  const focusSeq = focus?.room === room ? focus.seq : null;
  const focusIndex = focusSeq == null ? -1 : indexOfSeq(messages, focusSeq);
  useEffect(() => {
    if (focusIndex < 0) return undefined;
    stick.current = false;
    // After Virtuoso has taken the new data in, and once more after it measured the items.
    const go = () => ref.current?.scrollToIndex({ index: focusIndex, align: 'center' });
    const frame = requestAnimationFrame(go);
    const again = setTimeout(go, 400);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(again);
    };
    // re-run per jump (nonce), not per message change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.nonce, focusIndex >= 0]);

  const itemContent = useCallback(
    (index, item) => {
      const i = index - firstItemIndex;
      return (
        <MessageItem
          message={item}
          prev={i > 0 ? items[i - 1] : null}
          me={me}
          highlighted={focusSeq != null && item.seq === focusSeq}
          onRetry={onRetry}
        />
      );
    },
    [firstItemIndex, items, me, focusSeq, onRetry],
  );

  // Read by Virtuoso at mount only: the newest message, or the message a search jump targets.
  const [initialIndex] = useState(() => (focusIndex >= 0 ? { index: focusIndex, align: 'center' } : { index: 'LAST', align: 'end' }));
  const listContext = useMemo(() => ({ hasOlder, loading: loadingOlder }), [hasOlder, loadingOlder]);

  if (items.length === 0) {
    return (
      <div className="flex flex-1 items-center justify-center p-6 text-sm text-slate-500 dark:text-slate-400" data-testid="empty-room">
        {loadingOlder ? 'Loading messages…' : 'No messages yet. Say hello!'}
      </div>
    );
  }

  return (
    <div
      role="log"
      aria-label={`Messages in ${title}`}
      className="relative min-h-0 flex-1"
      onWheel={userInput}
      onTouchMove={userInput}
      onKeyDown={userInput}
      onPointerDown={userInput}
    >
      <Virtuoso
        ref={ref}
        scrollerRef={scrollerRef}
        className="h-full"
        data={items}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={initialIndex}
        computeItemKey={(_, item) => keyOf(item)}
        itemContent={itemContent}
        followOutput={followOutput}
        atBottomStateChange={changeAtBottom}
        atBottomThreshold={48}
        startReached={() => hasOlder && onLoadOlder()}
        increaseViewportBy={{ top: 400, bottom: 200 }}
        context={listContext}
        components={COMPONENTS}
      />
      {!atBottom && (
        <button
          type="button"
          onClick={() => {
            stick.current = true;
            ref.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'smooth' });
          }}
          className="absolute bottom-3 right-4 rounded-full bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          ↓ Latest
        </button>
      )}
    </div>
  );
}

function ListHeader({ context: { hasOlder, loading } }) {
  return (
    <div className="py-3 text-center text-xs text-slate-500 dark:text-slate-400">
      {loading ? 'Loading older messages…' : hasOlder ? '' : 'This is the beginning of the conversation.'}
    </div>
  );
}

function ListFooter() {
  return <div className="h-2" />;
}

const COMPONENTS = { Header: ListHeader, Footer: ListFooter };

function keyOf(item) {
  return item ? (item.id ?? item.clientMsgId) : null;
}
