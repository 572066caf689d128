import { memo } from 'react';
import MessageText from './MessageText.jsx';
import { dayKey, dayLabel, timeLabel } from './format.js';

const when = (m) => m.timestamp ?? m.createdAt;

/**
 * One row of the list: a date separator when the day changes, then the bubble. Consecutive
 * messages of one sender are grouped (name shown once).
 */
function MessageItem({ message, prev, me, highlighted, onRetry }) {
  const own = message.senderId === me;
  const newDay = !prev || dayKey(when(prev)) !== dayKey(when(message));
  const grouped = !newDay && prev && prev.senderId === message.senderId;
  const status = message.status; // 'pending' | 'failed' | undefined (confirmed)

  return (
    <div className="px-3 sm:px-4" data-testid="message-row">
      {newDay && (
        <div role="separator" aria-label={dayLabel(when(message))} className="my-3 flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
          <span>{dayLabel(when(message))}</span>
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
        </div>
      )}
      <div className={`flex ${own ? 'justify-end' : 'justify-start'} ${grouped ? 'mt-0.5' : 'mt-2'}`}>
        <div
          data-testid="message"
          data-seq={message.seq ?? ''}
          data-status={status ?? 'sent'}
          data-sender={message.senderId}
          className={`max-w-[85%] rounded-2xl px-3 py-1.5 shadow-sm sm:max-w-[70%] ${
            own
              ? 'rounded-br-md bg-indigo-600 text-white dark:bg-indigo-500'
              : 'rounded-bl-md bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'
          } ${status === 'pending' ? 'opacity-70' : ''} ${status === 'failed' ? 'ring-2 ring-red-500' : ''} ${highlighted ? 'flash' : ''}`}
        >
          {!own && !grouped && (
            <div className="mb-0.5 text-xs font-semibold text-indigo-700 dark:text-indigo-300">{message.senderId}</div>
          )}
          <MessageText text={message.content} own={own} />
          <div className={`mt-0.5 flex items-center justify-end gap-1 text-[11px] ${own ? 'text-indigo-100' : 'text-slate-500 dark:text-slate-400'}`}>
            <time dateTime={when(message)}>{timeLabel(when(message))}</time>
            {status === 'pending' && <span aria-label="sending">· sending…</span>}
          </div>
        </div>
      </div>
      {status === 'failed' && (
        <div className="mt-1 flex items-center justify-end gap-2 text-xs text-red-600 dark:text-red-400" role="alert">
          <span>{message.error || 'Not delivered'}</span>
          <button
            type="button"
            onClick={() => onRetry(message.clientMsgId)}
            className="rounded px-2 py-0.5 font-medium underline hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-500 dark:hover:bg-red-950"
          >
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

export default memo(MessageItem);
