import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot } from 'lexical';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { countWords } from '../../../shared/text';

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
  const [words, setWords] = useState(0);

  useEffect(() => {
    const read = () =>
      editor.getEditorState().read(() => {
        const root = $getRoot();
        setWords(countWords(root.getTextContent()));
        const entries = root
          .getChildren()
          .filter($isHeadingNode)
          .map((heading) => ({
            key: heading.getKey(),
            level: Number(heading.getTag().slice(1)),
            text: heading.getTextContent(),
          }));
        setOutline((previous) => (JSON.stringify(previous) === JSON.stringify(entries) ? previous : entries));
      });
    read();
    // Counting words walks the whole note: do it once typing pauses, not on every keystroke.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unregister = editor.registerUpdateListener(() => {
      clearTimeout(timer);
      timer = setTimeout(read, 300);
    });
    return () => {
      clearTimeout(timer);
      unregister();
    };
  }, [editor]);

  const jumpTo = (key: string) => {
    editor.getElementByKey(key)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    editor.update(() => {
      const node = $getRoot()
        .getChildren()
        .find((child) => child.getKey() === key);
      if ($isHeadingNode(node)) node.selectEnd();
    });
  };

  return (
    <div className="outline-bar">
      <p className="word-count">{intl.formatMessage({ id: 'outline.words' }, { count: words })}</p>
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
