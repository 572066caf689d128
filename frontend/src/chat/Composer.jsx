import { useEffect, useRef, useState } from 'react';

const TYPING_REPEAT_MS = 2500; // re-announce "typing" at most this often while typing
const TYPING_IDLE_MS = 3000; // announce "stopped" after this long without a keystroke
const MAX_LENGTH = 4000;

/**
 * The message box: Enter sends, Shift+Enter adds a line. Tells the room that the user is
 * typing, throttled, and that they stopped (idle, sent, or left the room).
 */
export default function Composer({ room, title, onSend, onTyping, disabled }) {
  const [text, setText] = useState('');
  const box = useRef(null);
  const typing = useRef({ active: false, lastSent: 0, idle: null });

  function stopTyping() {
    const t = typing.current;
    clearTimeout(t.idle);
    if (t.active) {
      t.active = false;
      onTyping(room, false);
    }
  }

  // Leaving the room (or unmounting) ends the typing state there.
  useEffect(() => () => stopTyping(), [room]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    box.current?.focus();
  }, [room]);

  function change(value) {
    setText(value);
    const t = typing.current;
    const now = Date.now();
    if (value.trim() === '') return stopTyping();
    if (!t.active || now - t.lastSent > TYPING_REPEAT_MS) {
      t.active = true;
      t.lastSent = now;
      onTyping(room, true);
    }
    clearTimeout(t.idle);
    t.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function submit() {
    const content = text.trim();
    if (!content) return;
    onSend(room, content);
    setText('');
    stopTyping();
  }

  // Grow with the content up to ~6 lines.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 p-2 sm:p-3 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="composer" className="sr-only">
        Message {title}
      </label>
      <textarea
        id="composer"
        ref={box}
        rows={1}
        value={text}
        maxLength={MAX_LENGTH}
        placeholder={`Message ${title}`}
        aria-describedby="composer-hint"
        onChange={(e) => change(e.target.value)}
        onBlur={stopTyping}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
        className="max-h-40 min-h-10 flex-1 resize-none rounded-xl border border-slate-300 bg-white px-3 py-2 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-900"
      />
      <span id="composer-hint" className="sr-only">
        Enter sends, Shift+Enter adds a new line.
      </span>
      <button
        type="submit"
        disabled={disabled || text.trim() === ''}
        aria-label="Send message"
        className="h-10 rounded-xl bg-indigo-600 px-4 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50"
      >
        Send
      </button>
    </form>
  );
}
