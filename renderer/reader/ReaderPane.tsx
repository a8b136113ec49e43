import { type DragEvent, useRef } from 'react';
import { formatLongDate } from '../../shared/citation';
import { anchorFor, EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION, type SerializedExcerpt } from '../../shared/excerpt';
import type { SourceDetail } from '../../shared/source';
import { writeExcerptTransfer } from '../editor/excerptTransfer';
import { selectionInBody, splitParagraphs } from './selectionOffsets';

function excerptFrom(source: SourceDetail, start: number, end: number): SerializedExcerpt {
  const anchor = anchorFor(source.body, start, end);
  return {
    type: EXCERPT_NODE_TYPE,
    version: EXCERPT_NODE_VERSION,
    sourceId: source.id,
    quote: anchor.exact.replace(/\s+/g, ' '),
    anchor,
    source: {
      title: source.title,
      outlet: source.outlet,
      author: source.author,
      publishedAt: source.publishedAt,
      url: source.url,
    },
  };
}

export function ReaderPane({
  source,
  onQuote,
}: {
  source: SourceDetail | null;
  onQuote: (excerpt: SerializedExcerpt) => void;
}) {
  const textRef = useRef<HTMLDivElement>(null);

  const selectedExcerpt = (): SerializedExcerpt | null => {
    if (!source || !textRef.current) return null;
    const range = selectionInBody(textRef.current, source.body);
    return range ? excerptFrom(source, range.start, range.end) : null;
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    const excerpt = selectedExcerpt();
    if (excerpt) writeExcerptTransfer(event.dataTransfer, excerpt);
  };

  if (!source) {
    return (
      <section className="pane reader" aria-label="Source">
        <p className="empty">Open a search result to read it here.</p>
      </section>
    );
  }
  const byline = [source.author, source.outlet, source.publishedAt ? formatLongDate(source.publishedAt) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <section className="pane reader" aria-label="Source">
      <header className="reader-header">
        <h2>{source.title}</h2>
        <p className="byline">{byline || 'Outlet and date unknown'}</p>
        <button
          type="button"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            const excerpt = selectedExcerpt();
            if (excerpt) onQuote(excerpt);
          }}
        >
          Quote in note
        </button>
      </header>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging selected text is the mouse path; "Quote in note" is the keyboard path. */}
      <div className="reader-text" ref={textRef} onDragStart={onDragStart}>
        {splitParagraphs(source.body).map((paragraph) => (
          <p key={paragraph.start} data-start={paragraph.start}>
            {paragraph.text}
          </p>
        ))}
      </div>
    </section>
  );
}
