import { memo } from 'react';
import { linkify } from './linkify.js';

/** Message content as text, with http(s) URLs as links. Never rendered as HTML. */
function MessageText({ text, own }) {
  return (
    <span className="whitespace-pre-wrap break-words [overflow-wrap:anywhere]">
      {linkify(text).map((part, i) =>
        part.type === 'link' ? (
          <a
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            className={`underline underline-offset-2 ${own ? 'text-white' : 'text-indigo-700 dark:text-indigo-300'}`}
          >
            {part.value}
          </a>
        ) : (
          part.value
        ),
      )}
    </span>
  );
}

export default memo(MessageText);
