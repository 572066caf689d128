// Elasticsearch highlight fragments mark hits with <em>…</em>. We split on exactly those two
// markers and render the pieces as text (hits in <mark>), so nothing in a fragment is ever
// interpreted as HTML.

/**
 * @param {string} fragment
 * @returns {Array<{ text: string, hit: boolean }>}
 */
export function parseHighlight(fragment) {
  const parts = [];
  if (!fragment) return parts;
  let hit = false;
  for (const piece of String(fragment).split(/(<em>|<\/em>)/)) {
    if (piece === '<em>') hit = true;
    else if (piece === '</em>') hit = false;
    else if (piece) {
      const prev = parts[parts.length - 1];
      if (prev && prev.hit === hit) prev.text += piece;
      else parts.push({ text: piece, hit });
    }
  }
  return parts;
}
