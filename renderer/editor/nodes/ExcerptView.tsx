import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createTextNode, $getNodeByKey } from 'lexical';
import { type FormEvent, useMemo, useState } from 'react';
import type { SerializedExcerpt } from '../../../shared/excerpt';
import { checkQuote } from '../../../shared/quoteIntegrity';
import { $createCitationNode } from './CitationNode';
import { $isExcerptNode, type ExcerptNode } from './ExcerptNode';
import { useNoteContext, useSource } from './noteContext';

type Verdict = { ok: true } | { ok: false; reason: string } | null;

/** Checks the quoted words against the source; null while the source is still loading. */
function useVerdict(excerpt: SerializedExcerpt): Verdict {
  const source = useSource(excerpt.sourceId);
  return useMemo(() => {
    if (source === undefined) return null;
    if (source === null) return { ok: false, reason: 'Its source is no longer in the archive.' };
    const result = checkQuote(excerpt.quote, source.body, excerpt.anchor);
    return result.ok ? { ok: true } : { ok: false, reason: result.reason };
  }, [source, excerpt.quote, excerpt.anchor]);
}

/**
 * How an excerpt looks in the note: the quotation and its footnote number; click it to see the
 * passage in the source. Edited quotations that no longer match the source are flagged, with a way
 * to restore the original words or turn the quotation into a paraphrase.
 */
export function ExcerptView({ nodeKey, excerpt }: { nodeKey: string; excerpt: SerializedExcerpt }) {
  const [editor] = useLexicalComposerContext();
  const { footnoteNumbers, showPassage } = useNoteContext();
  const [editing, setEditing] = useState(false);
  const verdict = useVerdict(excerpt);
  const number = footnoteNumbers.get(nodeKey);
  const flagged = verdict !== null && !verdict.ok;
  const original = excerpt.anchor.exact.replace(/\s+/g, ' ').trim();

  const update = (change: (node: ExcerptNode) => void) =>
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isExcerptNode(node)) change(node);
    });

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const quote = String(new FormData(event.currentTarget).get('quote') ?? '').trim();
    if (quote) update((node) => node.setQuote(quote));
    setEditing(false);
  };

  const toParaphrase = () =>
    update((node) => {
      const citation = $createCitationNode({
        sourceId: excerpt.sourceId,
        source: excerpt.source,
        anchor: excerpt.anchor,
      });
      node.replace($createTextNode(excerpt.quote)).insertAfter(citation);
    });

  const marks = excerpt.display === 'block' ? ['', ''] : ['“', '”'];
  return (
    <span className={flagged ? 'excerpt-quote flagged' : 'excerpt-quote'} aria-invalid={flagged ? 'true' : undefined}>
      {/* A span, not a button: the quotation must flow and wrap with the sentence around it. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a <button> cannot wrap across lines inside a paragraph. */}
      <span
        role="button"
        tabIndex={0}
        className="excerpt-open"
        title={`Show the passage in ${excerpt.source.outlet ?? excerpt.source.title}`}
        onClick={() => showPassage(excerpt.sourceId, excerpt.anchor)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            showPassage(excerpt.sourceId, excerpt.anchor);
          }
        }}
      >
        {marks[0]}
        {excerpt.quote}
        {marks[1]}
      </span>
      <sup className="footnote-ref">{number ?? '·'}</sup>
      {/* The pencil is drawn by CSS so it never becomes part of the note's text. */}
      <button type="button" className="excerpt-edit" aria-label="Edit quotation" onClick={() => setEditing(!editing)} />
      {flagged ? (
        <span className="quote-flag" role="note">
          Not the source’s words: {verdict.reason}{' '}
          <button type="button" onClick={() => update((node) => node.setQuote(original))}>
            Restore original
          </button>
          <button type="button" onClick={toParaphrase}>
            Convert to paraphrase
          </button>
        </span>
      ) : null}
      {editing ? (
        <form className="excerpt-form" onSubmit={save}>
          <label>
            Quotation
            <textarea name="quote" defaultValue={excerpt.quote} rows={3} />
          </label>
          <button type="submit">Save quotation</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : null}
    </span>
  );
}
