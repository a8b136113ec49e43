import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getNodeByKey, type NodeKey } from 'lexical';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { countWords } from '../../../shared/text';
import { createShownValue, DirectText } from '../directText';
import { $dirtyBlocks } from '../dirtyBlocks';
import { $noteBlocks } from '../noteSections';

interface OutlineEntry {
  key: string;
  level: number;
  text: string;
}

/** Word count and the outline of headings, each a button that jumps to its heading. */
export function OutlinePlugin() {
  const intl = useIntl();
  const [editor] = useLexicalComposerContext();
  const [outline, setOutline] = useState<OutlineEntry[]>([]);
  // Written, not rendered: the count changes with most pauses in typing (../directText.tsx).
  const words = useMemo(() => createShownValue(0), []);
  const describeWords = useCallback(
    (count: number) => ({ text: intl.formatMessage({ id: 'outline.words' }, { count }), className: 'word-count' }),
    [intl],
  );

  useEffect(() => {
    // Words per top-level block, recounted only for the blocks an update touched: counting the
    // whole of a 200-page note after every pause in typing cost more than the typing.
    const counts = new Map<NodeKey, number>();
    let stale = new Set<NodeKey>();
    const read = () =>
      editor.getEditorState().read(() => {
        const blocks = $noteBlocks();
        const keys = blocks.map((block) => block.getKey());
        if (counts.size === 0) stale = new Set(keys);
        for (const key of stale) {
          const block = $getNodeByKey(key);
          if (block?.isAttached()) counts.set(key, countWords(block.getTextContent()));
          else counts.delete(key);
        }
        stale.clear();
        let total = 0;
        for (const key of keys) total += counts.get(key) ?? 0;
        words.set(total);
        const entries = blocks.filter($isHeadingNode).map((heading) => ({
          key: heading.getKey(),
          level: Number(heading.getTag().slice(1)),
          text: heading.getTextContent(),
        }));
        setOutline((previous) => (JSON.stringify(previous) === JSON.stringify(entries) ? previous : entries));
      });
    // Recounting and the outline wait for a pause in typing, not every keystroke; the first count
    // waits for the note's first paint (a long note opening has better things to do).
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(read, 300);
    const unregister = editor.registerUpdateListener((update) => {
      if (update.dirtyLeaves.size === 0 && update.dirtyElements.size === 0) return;
      update.editorState.read(() => {
        const { changed, gone } = $dirtyBlocks(update);
        for (const key of [...changed, ...gone]) stale.add(key);
      });
      clearTimeout(timer);
      timer = setTimeout(read, 300);
    });
    return () => {
      clearTimeout(timer);
      unregister();
    };
  }, [editor, words]);

  const jumpTo = (key: string) => {
    editor.getElementByKey(key)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    editor.update(() => {
      const node = $getNodeByKey(key);
      if ($isHeadingNode(node) && node.isAttached()) node.selectEnd();
    });
  };

  return (
    <div className="outline-bar">
      <DirectText shown={words} describe={describeWords} />
      {outline.length > 0 ? (
        <nav aria-label={intl.formatMessage({ id: 'outline.label' })}>
          <ul>
            {outline.map((entry) => (
              <li key={entry.key} className={`outline-level-${entry.level}`}>
                <button type="button" className="link" onClick={() => jumpTo(entry.key)}>
                  {entry.text || intl.formatMessage({ id: 'outline.untitled' })}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
