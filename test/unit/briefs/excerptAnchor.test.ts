import { describe, expect, it } from 'vitest';
import { anchorFor, EXCERPT_NODE_TYPE, locateAnchor, readExcerpt } from '../../../shared/excerpt';

const body =
  'Canada and South Korea plan to launch talks. The proposed agreement would allow for intelligence-sharing. ' +
  'Canada made a similar announcement with Japan. The proposed agreement would allow for more.';

describe('text-quote anchors', () => {
  it('find the passage at its offsets while the source is unchanged', () => {
    const start = body.indexOf('The proposed agreement would allow for intelligence');
    const anchor = anchorFor(body, start, start + 60);
    expect(locateAnchor(body, anchor)).toEqual({ start, end: start + 60 });
  });

  it('find the passage again after text was inserted before it', () => {
    const start = body.indexOf('The proposed agreement would allow for intelligence');
    const anchor = anchorFor(body, start, start + 38);
    const shifted = `UPDATED: a correction was appended to this article.\n\n${body}`;
    const found = locateAnchor(shifted, anchor);
    expect(found).not.toBeNull();
    expect(shifted.slice(found!.start, found!.end)).toBe(anchor.exact);
    // The first of two identical sentences, told apart by the text around it.
    expect(found!.start).toBe(shifted.indexOf('The proposed agreement would allow for intelligence'));
  });

  it('tell repeated words apart by their context, not their order', () => {
    const second = body.lastIndexOf('The proposed agreement would allow for');
    const anchor = anchorFor(body, second, second + 38);
    const shifted = body.replace('Canada and South Korea', 'Ottawa and Seoul');
    const found = locateAnchor(shifted, anchor)!;
    expect(found.start).toBe(shifted.lastIndexOf('The proposed agreement would allow for'));
  });

  it('report a passage that is gone', () => {
    const anchor = anchorFor(body, 0, 20);
    expect(locateAnchor('A different article altogether.', anchor)).toBeNull();
  });
});

describe('excerpt JSON versions', () => {
  it('open version-1 excerpts (before block quotes existed) as inline quotations', () => {
    const anchor = anchorFor(body, 0, 20);
    const v1 = {
      type: EXCERPT_NODE_TYPE,
      version: 1,
      sourceId: 3,
      quote: anchor.exact,
      anchor,
      source: { title: 'T', outlet: null, author: null, publishedAt: null, url: null },
    };
    expect(readExcerpt(v1)).toMatchObject({ version: 3, display: 'inline', quote: anchor.exact, sourceId: 3 });
    // Snapshots before version 3 held no partial date.
    expect(readExcerpt(v1)?.source.issued).toBeNull();
    expect(readExcerpt({ ...v1, version: 2, display: 'block' })).toMatchObject({ display: 'block' });
    expect(readExcerpt({ ...v1, version: 9 })).toBeNull();
    expect(readExcerpt({ type: EXCERPT_NODE_TYPE })).toBeNull();
  });
});
