import { type DragEvent, type KeyboardEvent, type ReactNode, type RefObject, useEffect } from 'react';
import { useIntl } from 'react-intl';
import { selectParagraph, selectSentence } from './readerSelection';

/** The reader's own keys, listed in the Keyboard shortcuts dialog too. */
export const READER_KEYS = { sentence: 's', paragraph: 'p' } as const;

/**
 * The source's text as a focusable, read-only text box: caret browsing. It is contenteditable so
 * that Chromium draws a caret and moves it natively (arrows, Home/End, Ctrl+arrows by word, with
 * Shift to select), and every edit is refused at `beforeinput`, which covers typing, deleting,
 * pasting, dropping and formatting alike. S selects the sentence at the caret, P the paragraph.
 */
export function ReadOnlyText({
  textRef,
  language,
  onDragStart,
  children,
}: {
  textRef: RefObject<HTMLDivElement | null>;
  language: string | null;
  onDragStart: (event: DragEvent<HTMLDivElement>) => void;
  children: ReactNode;
}) {
  useEffect(() => {
    const element = textRef.current;
    if (!element) return;
    const refuse = (event: Event) => event.preventDefault();
    element.addEventListener('beforeinput', refuse);
    element.addEventListener('drop', refuse);
    element.addEventListener('dragover', refuse);
    return () => {
      element.removeEventListener('beforeinput', refuse);
      element.removeEventListener('drop', refuse);
      element.removeEventListener('dragover', refuse);
    };
  }, [textRef]);

  const intl = useIntl();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !textRef.current) return;
    const key = event.key.toLowerCase();
    const done =
      key === READER_KEYS.sentence
        ? selectSentence(textRef.current, language ?? 'en')
        : key === READER_KEYS.paragraph
          ? selectParagraph(textRef.current)
          : false;
    if (done) event.preventDefault();
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold the marked passage and search terms, nor map a selection back to the source's paragraphs.
    <div
      className="reader-text"
      ref={textRef}
      role="textbox"
      aria-label={intl.formatMessage({ id: 'reader.text.label' })}
      aria-readonly="true"
      aria-multiline="true"
      aria-keyshortcuts="S P Control+Shift+Q"
      aria-description={intl.formatMessage({ id: 'reader.text.description' })}
      contentEditable
      suppressContentEditableWarning
      spellCheck={false}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onDragStart={onDragStart}
    >
      {children}
    </div>
  );
}
