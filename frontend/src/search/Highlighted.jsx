import { parseHighlight } from './highlight.js';

/** A search fragment with its hits in <mark>, built from text nodes only. */
export default function Highlighted({ fragment, escaped = true }) {
  return (
    <>
      {parseHighlight(fragment, { escaped }).map((p, i) =>
        p.hit ? (
          <mark key={i} className="rounded bg-yellow-200 px-0.5 text-inherit dark:bg-yellow-700/60">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
