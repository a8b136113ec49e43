import { type DragEvent, Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { citationOf, type SerializedCitation } from '../../shared/citationNode';
import {
  type ExcerptDisplay,
  excerptOf,
  locateAnchor,
  type SerializedExcerpt,
  type TextQuoteAnchor,
} from '../../shared/excerpt';
import type { SourceDetail } from '../../shared/source';
import { writeExcerptTransfer } from '../editor/excerptTransfer';
import { shownDate } from '../i18n/sourceDate';
import { ClusterVersions } from './ClusterVersions';
import { useSelectionKeptAcrossRedraws } from './keptSelection';
import { ocrMarkLabel, ocrMarks } from './ocrMarks';
import { paragraphParts } from './passage';
import { ReadOnlyText } from './ReadOnlyText';
import { SourceDetailsForm } from './SourceDetailsForm';
import { selectionInBody, splitParagraphs } from './selectionOffsets';
import { sourceAssessment } from './sourceAssessment';
import { weakFieldNotes } from './weakFields';

export interface ReaderPaneProps {
  source: SourceDetail | null;
  /** Search terms to highlight in the text. */
  terms: readonly string[];
  /** The passage an excerpt or footnote pointed at, highlighted and scrolled into view. */
  focus: TextQuoteAnchor | null;
  onQuote: (excerpt: SerializedExcerpt) => void;
  onCite: (citation: SerializedCitation) => void;
  onOpen: (id: number) => void;
  onSourceChanged: (source: SourceDetail) => void;
  /** A request to open the details form of this source (from the "Needs review" list). */
  editRequest?: { id: number } | null;
}

export function ReaderPane({
  source,
  terms,
  focus,
  onQuote,
  onCite,
  onOpen,
  onSourceChanged,
  editRequest = null,
}: ReaderPaneProps) {
  const intl = useIntl();
  const textRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (editRequest && source?.id === editRequest.id) setEditing(true);
  }, [editRequest, source?.id]);
  const [display, setDisplay] = useState<ExcerptDisplay>('inline');
  const passage = useMemo(() => (source && focus ? locateAnchor(source.body, focus) : null), [source, focus]);

  useEffect(() => {
    if (passage) textRef.current?.querySelector('.passage')?.scrollIntoView({ block: 'center' });
  }, [passage]);
  useSelectionKeptAcrossRedraws(textRef, source?.id ?? null, terms, passage);

  const selectedExcerpt = (): SerializedExcerpt | null => {
    if (!source || !textRef.current) return null;
    const range = selectionInBody(textRef.current, source.body);
    return range ? excerptOf(source, range.start, range.end, display) : null;
  };

  // Said in a status, so a keyboard or screen-reader user learns why nothing was quoted. It
  // belongs to the source it was said about and shows only while that source is open: clearing
  // it in an effect after each new source lost a hint asked for before the effect ran.
  const [said, setSaid] = useState<{ sourceId: number | null; text: string } | null>(null);
  const status = said && said.sourceId === (source?.id ?? null) ? said.text : '';
  const quoteSelection = () => {
    const excerpt = selectedExcerpt();
    if (!excerpt) {
      return setSaid({
        sourceId: source?.id ?? null,
        text: intl.formatMessage({ id: 'reader.quote.nothingSelected' }),
      });
    }
    setSaid(null);
    onQuote(excerpt);
  };

  // The shortcut works wherever focus is, as long as the selection is in the reader's text.
  const quoteRef = useRef(quoteSelection);
  quoteRef.current = quoteSelection;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'q') {
        event.preventDefault();
        quoteRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A selection in the reader is the passage paraphrased; without one, the source as a whole.
  const cite = () => {
    if (!source || !textRef.current) return;
    onCite(citationOf(source, selectionInBody(textRef.current, source.body)));
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    const excerpt = selectedExcerpt();
    if (excerpt) writeExcerptTransfer(event.dataTransfer, excerpt);
    // A copy, never a move: the source's text is read-only.
    event.dataTransfer.effectAllowed = 'copy';
  };

  const statusLine = (
    // Always in the page, so a message put into it is announced.
    <div className="reader-status" aria-live="polite">
      {status ? <p role="status">{status}</p> : null}
    </div>
  );
  if (!source) {
    return (
      <section className="pane reader" aria-label={intl.formatMessage({ id: 'reader.region' })}>
        {statusLine}
        <p className="empty">{intl.formatMessage({ id: 'reader.empty' })}</p>
      </section>
    );
  }
  // A day when known, else the year or month a reference manager or a cover gave.
  const byline = [source.author, source.outlet, shownDate(intl, source)].filter(Boolean).join(' · ');
  const graded = sourceAssessment(intl, source);
  const weak = weakFieldNotes(intl, source);
  const paragraphs = splitParagraphs(source.body);
  const marks = ocrMarks(
    source,
    paragraphs.map((paragraph) => paragraph.start),
  );
  return (
    <section className="pane reader" aria-label={intl.formatMessage({ id: 'reader.region' })}>
      <header className="reader-header">
        <h2>{source.title}</h2>
        <p className="byline">{byline || intl.formatMessage({ id: 'reader.byline.unknown' })}</p>
        {weak.length > 0 ? (
          <ul className="weak-fields" aria-label={intl.formatMessage({ id: 'reader.weak.label' })}>
            {weak.map((note) => (
              <li key={note.field} data-field={note.field}>
                <span aria-hidden="true">⚠ </span>
                {note.text}
              </li>
            ))}
          </ul>
        ) : null}
        {graded || source.tags.length > 0 ? (
          <p className="assessment">
            {graded}
            {source.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </p>
        ) : null}
        <div className="reader-actions">
          <button
            type="button"
            title={intl.formatMessage({ id: 'reader.quote.title' })}
            aria-keyshortcuts="Control+Shift+Q"
            onMouseDown={(event) => event.preventDefault()}
            onClick={quoteSelection}
          >
            {intl.formatMessage({ id: 'reader.quote' })}
          </button>
          <button
            type="button"
            title={intl.formatMessage({ id: 'reader.cite.title' })}
            onMouseDown={(event) => event.preventDefault()}
            onClick={cite}
          >
            {intl.formatMessage({ id: 'reader.cite' })}
          </button>
          <fieldset className="quote-style">
            <legend>{intl.formatMessage({ id: 'reader.quoteAs' })}</legend>
            <label>
              <input
                type="radio"
                name="quote-style"
                checked={display === 'inline'}
                onChange={() => setDisplay('inline')}
              />
              {intl.formatMessage({ id: 'reader.quoteAs.inline' })}
            </label>
            <label>
              <input
                type="radio"
                name="quote-style"
                checked={display === 'block'}
                onChange={() => setDisplay('block')}
              />
              {intl.formatMessage({ id: 'reader.quoteAs.block' })}
            </label>
          </fieldset>
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {intl.formatMessage({ id: 'reader.editDetails' })}
          </button>
        </div>
        {statusLine}
        {source.clusterSize > 1 ? <ClusterVersions sourceId={source.id} onOpen={onOpen} /> : null}
      </header>
      {editing ? (
        <SourceDetailsForm
          key={source.id}
          source={source}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onSourceChanged(saved);
          }}
        />
      ) : null}
      {source.format === 'reference' ? (
        <p className="reference-only">{intl.formatMessage({ id: 'reader.referenceOnly' })}</p>
      ) : null}
      <ReadOnlyText textRef={textRef} language={source.language} onDragStart={onDragStart}>
        {paragraphs.map((paragraph) => (
          <Fragment key={paragraph.start}>
            <OcrMark page={marks.get(paragraph.start)} />
            <p data-start={paragraph.start}>
              {paragraphParts(paragraph.text, paragraph.start, terms, passage).map((part, i) =>
                part.passage ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position.
                  <mark key={i} className="passage">
                    {part.text}
                  </mark>
                ) : part.match ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position.
                  <mark key={i}>{part.text}</mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position.
                  <span key={i}>{part.text}</span>
                ),
              )}
            </p>
          </Fragment>
        ))}
      </ReadOnlyText>
    </section>
  );
}

/** Before the first paragraph of a page read by OCR; outside every [data-start] paragraph, so never quoted. */
function OcrMark({ page }: { page: number | undefined }) {
  const intl = useIntl();
  if (page === undefined) return null;
  return (
    <div className="ocr-mark" role="note" aria-label={ocrMarkLabel(intl, page)}>
      <span aria-hidden="true">{intl.formatMessage({ id: 'reader.ocr.mark' }, { page })}</span>
    </div>
  );
}
