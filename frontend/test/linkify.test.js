import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from '../src/chat/linkify.js';
import { parseHighlight } from '../src/search/highlight.js';

describe('linkify', () => {
  it('turns http and https URLs into links and keeps the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1 now')).toEqual([
      { type: 'text', value: 'see ' },
      { type: 'link', value: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { type: 'text', value: ' now' },
    ]);
  });

  it('leaves trailing punctuation out of the link', () => {
    const parts = linkify('go to http://x.org/path.');
    expect(parts[1]).toMatchObject({ type: 'link', value: 'http://x.org/path' });
    expect(parts[2]).toEqual({ type: 'text', value: '.' });
    expect(linkify('(http://x.org/a_(b))')[1].value).toBe('http://x.org/a_(b)');
  });

  it('never links other schemes', () => {
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([
      { type: 'text', value: 'javascript:alert(1) data:text/html,x' },
    ]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });

  it('keeps markup as plain text', () => {
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([
      { type: 'text', value: '<img src=x onerror=alert(1)>' },
    ]);
  });
});

describe('parseHighlight', () => {
  it('splits on <mark> and <em> markers only', () => {
    expect(parseHighlight('say <mark>hello</mark> to <b>x</b>', { escaped: false })).toEqual([
      { text: 'say ', hit: false },
      { text: 'hello', hit: true },
      { text: ' to <b>x</b>', hit: false },
    ]);
    expect(parseHighlight('<em>a</em>b')).toEqual([
      { text: 'a', hit: true },
      { text: 'b', hit: false },
    ]);
  });
  it('decodes an escaping highlighter into text, which stays text', () => {
    expect(parseHighlight('&lt;img src=x onerror=alert(1)&gt; &amp; <mark>hi</mark> &amp;lt;')).toEqual([
      { text: '<img src=x onerror=alert(1)> & ', hit: false },
      { text: 'hi', hit: true },
      { text: ' &lt;', hit: false },
    ]);
  });
  it('handles empty input', () => expect(parseHighlight('')).toEqual([]));
});
