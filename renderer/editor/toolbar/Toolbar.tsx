import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createHeadingNode,
  $createQuoteNode,
  $isHeadingNode,
  $isQuoteNode,
  type HeadingTagType,
} from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  type LexicalNode,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  type TextFormatType,
  UNDO_COMMAND,
} from 'lexical';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';

type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';

interface ToolbarState {
  block: BlockType;
  formats: Set<TextFormatType>;
  canUndo: boolean;
  canRedo: boolean;
}

// Labels, visible texts and shortcuts are messages (toolbar.<format>.label|text|shortcut).
const FORMATS = [{ format: 'bold' }, { format: 'italic' }, { format: 'underline' }] as const;

const BLOCKS = [
  { block: 'h1' },
  { block: 'h2' },
  { block: 'h3' },
  { block: 'bullet' },
  { block: 'number' },
  { block: 'quote' },
] as const;

const sameFormats = (a: ReadonlySet<TextFormatType>, b: ReadonlySet<TextFormatType>) =>
  a.size === b.size && [...a].every((format) => b.has(format));

function $blockTypeOf(node: LexicalNode): BlockType {
  const block = $findMatchingParent(node, (n) => {
    const parent = n.getParent();
    return parent !== null && ($isRootOrShadowRoot(parent) || $isListNode(parent));
  });
  const list = $findMatchingParent(node, $isListNode);
  if (list) return list.getListType() === 'number' ? 'number' : 'bullet';
  if ($isHeadingNode(block)) return block.getTag() as BlockType;
  if ($isQuoteNode(block)) return 'quote';
  return 'paragraph';
}

/** Formatting controls with accessible names; the standard shortcuts work through Lexical itself. */
export function Toolbar({ children }: { children?: ReactNode }) {
  const intl = useIntl();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>({
    block: 'paragraph',
    formats: new Set(),
    canUndo: false,
    canRedo: false,
  });

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const formats = new Set(FORMATS.map((f) => f.format).filter((format) => selection.hasFormat(format)));
    const block = $blockTypeOf(selection.anchor.getNode());
    // Kept when nothing changed: a React commit while the note has focus walks the whole note's
    // DOM (React saves the selection of a focused contenteditable), so a keystroke must not cause one.
    setState((previous) =>
      previous.block === block && sameFormats(previous.formats, formats) ? previous : { ...previous, formats, block },
    );
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            refresh();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (canUndo) => {
            setState((previous) => (previous.canUndo === canUndo ? previous : { ...previous, canUndo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (canRedo) => {
            setState((previous) => (previous.canRedo === canRedo ? previous : { ...previous, canRedo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  const setBlock = (block: BlockType) => {
    const next = state.block === block ? 'paragraph' : block;
    if (state.block === 'bullet' || state.block === 'number') editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    if (next === 'bullet') return editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    if (next === 'number') return editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () => {
        if (next === 'quote') return $createQuoteNode();
        if (next === 'paragraph') return $createParagraphNode();
        return $createHeadingNode(next as HeadingTagType);
      });
    });
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={intl.formatMessage({ id: 'toolbar.label' })}>
      <button
        type="button"
        aria-label={intl.formatMessage({ id: 'toolbar.undo' })}
        title={intl.formatMessage({ id: 'toolbar.undo.title' })}
        disabled={!state.canUndo}
        onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
      >
        ↶
      </button>
      <button
        type="button"
        aria-label={intl.formatMessage({ id: 'toolbar.redo' })}
        title={intl.formatMessage({ id: 'toolbar.redo.title' })}
        disabled={!state.canRedo}
        onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
      >
        ↷
      </button>
      <span className="toolbar-gap" />
      {FORMATS.map(({ format }) => {
        const label = intl.formatMessage({ id: `toolbar.${format}.label` });
        const shortcut = intl.formatMessage({ id: `toolbar.${format}.shortcut` });
        return (
          <button
            key={format}
            type="button"
            className={`format-${format}`}
            aria-label={label}
            title={intl.formatMessage({ id: 'toolbar.withShortcut' }, { label, shortcut })}
            aria-pressed={state.formats.has(format)}
            onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
          >
            {intl.formatMessage({ id: `toolbar.${format}.text` })}
          </button>
        );
      })}
      <span className="toolbar-gap" />
      {BLOCKS.map(({ block }) => (
        <button
          key={block}
          type="button"
          // The name starts with the visible text, so "H1" can be spoken to voice control (WCAG 2.5.3).
          aria-label={`${intl.formatMessage({ id: `toolbar.${block}.text` })}: ${intl.formatMessage({ id: `toolbar.${block}.label` })}`}
          title={intl.formatMessage({ id: `toolbar.${block}.label` })}
          aria-pressed={state.block === block}
          onClick={() => setBlock(block)}
        >
          {intl.formatMessage({ id: `toolbar.${block}.text` })}
        </button>
      ))}
      {children ? <span className="toolbar-gap" /> : null}
      {children}
    </div>
  );
}
