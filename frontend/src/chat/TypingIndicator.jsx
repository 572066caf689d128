import { typingText, typingUsers } from '../state/typing.js';

/** "alice is typing…" for the open room; announced politely to screen readers. */
export default function TypingIndicator({ typing, room, me }) {
  const text = typingText(typingUsers(typing, room, Date.now(), me));
  return (
    <div aria-live="polite" data-testid="typing-indicator" className="h-5 truncate px-4 text-xs italic text-slate-500 dark:text-slate-400">
      {text}
    </div>
  );
}
