import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $createTextNode, $getNearestNodeFromDOMNode, $getNodeByKey, type LexicalEditor, type NodeKey } from 'lexical';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useIntl } from 'react-intl';
import type { TextQuoteAnchor } from '../../../shared/excerpt';
import { $createCitationNode, $isCitationNode } from '../nodes/CitationNode';
import { $isExcerptNode, ExcerptNode } from '../nodes/ExcerptNode';

type ShowPassage = (sourceId: number, anchor: TextQuoteAnchor | null) => void;

interface Editing {
  key: NodeKey;
  /** The excerpt's `.excerpt-quote` element, where the form is drawn. */
  host: HTMLElement;
  quote: string;
}

/** Runs `change` on the excerpt `key`, if it is still in the note. */
function updateExcerpt(editor: LexicalEditor, key: NodeKey, change: (node: ExcerptNode) => void): void {
  editor.update(() => {
    const node = $getNodeByKey(key);
    if ($isExcerptNode(node)) change(node);
  });
}

/** The excerpt or citation whose DOM holds `target`, read from the current editor state. */
function footnoteNodeAt(editor: LexicalEditor, target: Element) {
  return editor.read(() => {
    const node = $getNearestNodeFromDOMNode(target);
    if ($isExcerptNode(node)) return { kind: 'excerpt' as const, key: node.getKey(), data: node.getExcerpt() };
    if ($isCitationNode(node)) return { kind: 'citation' as const, key: node.getKey(), data: node.getCitation() };
    return null;
  });
}

/**
 * Everything clickable in excerpts and citations, by event delegation on the editor root (their
 * DOM is plain, see nodes/noteDom.ts): open the passage, restore or paraphrase a flagged quotation,
 * and edit a quotation in the one form this plugin draws inside the excerpt being edited.
 */
export function NoteInteractionsPlugin({ showPassage }: { showPassage: ShowPassage }) {
  const intl = useIntl();
  const [editor] = useLexicalComposerContext();
  const [editing, setEditing] = useState<Editing | null>(null);
  const showPassageRef = useRef(showPassage);
  showPassageRef.current = showPassage;

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const hit = target?.closest('.excerpt-open, .citation-ref, .excerpt-edit, .quote-restore, .quote-paraphrase');
      if (!hit) return;
      const found = footnoteNodeAt(editor, hit);
      if (!found) return;
      if (hit.matches('.excerpt-open, .citation-ref')) {
        showPassageRef.current(found.data.sourceId, found.data.anchor);
        return;
      }
      if (found.kind !== 'excerpt') return;
      const excerpt = found.data;
      if (hit.matches('.excerpt-edit')) {
        const host = hit.closest<HTMLElement>('.excerpt-quote');
        if (!host) return;
        setEditing((current) => (current?.key === found.key ? null : { key: found.key, host, quote: excerpt.quote }));
      } else if (hit.matches('.quote-restore')) {
        const original = excerpt.anchor.exact.replace(/\s+/g, ' ').trim();
        updateExcerpt(editor, found.key, (node) => node.setQuote(original));
      } else {
        updateExcerpt(editor, found.key, (node) => {
          const citation = $createCitationNode({
            sourceId: excerpt.sourceId,
            source: excerpt.source,
            anchor: excerpt.anchor,
          });
          node.replace($createTextNode(excerpt.quote)).insertAfter(citation);
        });
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      // A button of a quotation or citation (✎, Restore, Paraphrase, the footnote number): the
      // editor would take Enter as a new paragraph, so the button is pressed here instead.
      if (target?.matches('.excerpt-edit, .quote-restore, .quote-paraphrase, .citation-ref')) {
        event.preventDefault();
        event.stopPropagation();
        target.click();
        return;
      }
      if (!target?.matches('.excerpt-open')) return;
      // Handled here, before the editor sees it: Enter on a quotation opens it, never splits the line.
      event.preventDefault();
      event.stopPropagation();
      const found = footnoteNodeAt(editor, target);
      if (found) showPassageRef.current(found.data.sourceId, found.data.anchor);
    };
    let root: HTMLElement | null = null;
    const listen = (next: HTMLElement | null) => {
      root?.removeEventListener('click', onClick, true);
      root?.removeEventListener('keydown', onKeyDown, true);
      root = next;
      root?.addEventListener('click', onClick, true);
      root?.addEventListener('keydown', onKeyDown, true);
    };
    return mergeRegister(
      editor.registerRootListener(listen),
      () => listen(null),
      // The excerpt being edited was deleted (or its DOM redrawn): close the form.
      editor.registerMutationListener(
        ExcerptNode,
        () =>
          setEditing((current) =>
            current && editor.getElementByKey(current.key)?.contains(current.host) ? current : null,
          ),
        { skipInitialization: true },
      ),
    );
  }, [editor]);

  if (!editing) return null;
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const quote = String(new FormData(event.currentTarget).get('quote') ?? '').trim();
    if (quote) updateExcerpt(editor, editing.key, (node) => node.setQuote(quote));
    setEditing(null);
  };
  return createPortal(
    <form className="excerpt-form" onSubmit={save}>
      <label>
        {intl.formatMessage({ id: 'quoteForm.quotation' })}
        <textarea name="quote" defaultValue={editing.quote} rows={3} />
      </label>
      <button type="submit">{intl.formatMessage({ id: 'quoteForm.save' })}</button>
      <button type="button" onClick={() => setEditing(null)}>
        {intl.formatMessage({ id: 'quoteForm.cancel' })}
      </button>
    </form>,
    editing.host,
    editing.key,
  );
}
