import { type AriaRole, useLayoutEffect, useRef } from 'react';

/**
 * A value shown by writing an element's text directly instead of by a React render. For what
 * changes while the analyst types (the save status, the word count): a React commit while the note
 * has focus first walks every DOM node of the note (react-dom saves the selection of a focused
 * contenteditable; at 2,000 excerpts about 40,000 nodes, 10–15 ms), and these change every few
 * hundred milliseconds. test/e2e/typingWork.test.ts counts that walk.
 */
export function createShownValue<T>(initial: T) {
  let value = initial;
  let listener: (() => void) | null = null;
  return {
    get: () => value,
    set: (next: T) => {
      value = next;
      listener?.();
    },
    listen: (next: (() => void) | null) => {
      listener = next;
    },
  };
}
export type ShownValue<T> = ReturnType<typeof createShownValue<T>>;

/** React renders the element once, empty; its text and class are written from `shown`. */
export function DirectText<T>({
  shown,
  describe,
  role,
}: {
  shown: ShownValue<T>;
  /** The text and class of the element for a value (call again when the language changes). */
  describe: (value: T) => { text: string; className: string };
  role?: AriaRole;
}) {
  const element = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const write = () => {
      const { text, className } = describe(shown.get());
      if (!element.current) return;
      if (element.current.className !== className) element.current.className = className;
      if (element.current.textContent !== text) element.current.textContent = text;
    };
    write();
    shown.listen(write);
    return () => shown.listen(null);
  }, [shown, describe]);
  return <p ref={element} role={role} />;
}
