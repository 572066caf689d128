// Search fragments mark hits with <mark>…</mark> (logging-service) or <em>…</em>
// (Elasticsearch's default), and may be HTML-escaped. We split on exactly those markers, decode
// the few entities an escaping highlighter produces, and render the pieces as text (hits in
// <mark>): nothing in a fragment is ever interpreted as HTML.

const MARKERS = /(<mark>|<\/mark>|<em>|<\/em>)/;
const ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#x2F;': '/', '&#47;': '/' };

/** Decodes the entities of an HTML-escaping highlighter (only those: the rest stays as typed). */
export function decodeEntities(text) {
  return text.replace(/&(?:lt|gt|amp|quot|#39|#x27|#x2F|#47);/g, (e) => ENTITIES[e]);
}

/**
 * @param {string} fragment
 * @param {{ escaped?: boolean }} [options] whether the fragment is HTML-escaped (default true)
 * @returns {Array<{ text: string, hit: boolean }>}
 */
export function parseHighlight(fragment, { escaped = true } = {}) {
  const parts = [];
  if (!fragment) return parts;
  let hit = false;
  for (const piece of String(fragment).split(MARKERS)) {
    if (piece === '<mark>' || piece === '<em>') hit = true;
    else if (piece === '</mark>' || piece === '</em>') hit = false;
    else if (piece) {
      const text = escaped ? decodeEntities(piece) : piece;
      const prev = parts[parts.length - 1];
      if (prev && prev.hit === hit) prev.text += text;
      else parts.push({ text, hit });
    }
  }
  return parts;
}
