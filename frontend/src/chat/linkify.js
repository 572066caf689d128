// Splits message text into plain text and http(s) links. The result is rendered as React text
// nodes and <a> elements, never as HTML, so message content cannot inject markup.

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'")\]}]$/;

/**
 * @param {string} text
 * @returns {Array<{ type: 'text', value: string } | { type: 'link', value: string, href: string }>}
 */
export function linkify(text) {
  const parts = [];
  if (!text) return parts;
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    // Trailing punctuation belongs to the sentence, except a ')' closing a '(' inside the URL.
    while (TRAILING.test(url)) {
      if (url.endsWith(')') && count(url, '(') >= count(url, ')')) break;
      url = url.slice(0, -1);
    }
    const href = safeHref(url);
    if (!href) continue;
    if (match.index > last) parts.push({ type: 'text', value: text.slice(last, match.index) });
    parts.push({ type: 'link', value: url, href });
    last = match.index + url.length;
  }
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

function count(s, ch) {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** The normalized URL when it is a valid http(s) URL with a host; null otherwise. */
export function safeHref(candidate) {
  try {
    const u = new URL(candidate);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return u.href;
  } catch {
    // not a URL: stays text
  }
  return null;
}
