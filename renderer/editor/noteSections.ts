import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isDecoratorNode,
  $isElementNode,
  $isRangeSelection,
  $isRootNode,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  HISTORIC_TAG,
  HISTORY_MERGE_TAG,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
  PASTE_COMMAND,
  type RangeSelection,
  REMOVE_TEXT_COMMAND,
  RootNode,
} from 'lexical';
import type { SerializedBriefState, SerializedNode } from '../../shared/briefDocument';
import {
  $createNoteSectionNode,
  $isNoteSectionNode,
  NOTE_SECTION_NODE_TYPE,
  NoteSectionNode,
} from './nodes/NoteSectionNode';

// The note's blocks grouped in sections inside the editor, and never outside it
// (nodes/NoteSectionNode.tsx says why). Plain Lexical functions, so the unit tests' headless
// editors run exactly this code.

/**
 * Blocks a section gets when the note is grouped, or when one grows too large and is split. Few,
 * because the section holding the caret is always drawn whole, and Chromium's own work at each
 * typed key (its insert-text command, hit testing, paint) grows with what is drawn: at 2,000
 * excerpts a key's main-thread CPU was 15 ms in sections of 50, 7.5 ms in sections of 20, and no
 * less in sections of 10 (docs/editor.md, "Sections").
 */
export const SECTION_BLOCKS = 20;
/** A section holding more is split (Enter and pastes grow the section holding the caret). */
export const SECTION_MOST = 2 * SECTION_BLOCKS;
/** A section holding fewer goes into the one before it, if the two fit in one (deletions shrink them). */
export const SECTION_FEWEST = 4;

/** The note's top-level blocks, in order, through their sections. Call inside a read. */
export function $noteBlocks(): LexicalNode[] {
  const blocks: LexicalNode[] = [];
  for (const child of $getRoot().getChildren()) {
    if ($isNoteSectionNode(child)) for (const block of child.getChildren()) blocks.push(block);
    else blocks.push(child);
  }
  return blocks;
}

/** The keys of $noteBlocks(). */
export function $noteBlockKeys(): NodeKey[] {
  return $noteBlocks().map((block) => block.getKey());
}

/** The top-level block holding `node` (itself if it is one); null for the root, a section, or a detached node. */
export function $noteBlockOf(node: LexicalNode): LexicalNode | null {
  if ($isRootNode(node) || $isNoteSectionNode(node)) return null;
  for (let current = node; ; ) {
    const parent = current.getParent();
    if (parent === null) return null;
    if ($isRootNode(parent) || $isNoteSectionNode(parent)) return current;
    current = parent;
  }
}

const sectionJSON = (children: SerializedNode[]): SerializedNode => ({
  type: NOTE_SECTION_NODE_TYPE,
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  children,
});

/**
 * A saved note as the editor holds it: its blocks in sections of SECTION_BLOCKS, a remainder under
 * SECTION_FEWEST going into the last. The grouping is already in the shape $keepSections keeps:
 * Lexical 0.52 runs transforms on a state given to `setEditorState`, and a section moved or
 * removed then leaves the root's count of children stale (its reconciler throws, and the editor
 * is gone), so an opened note must need no change.
 */
export function sectionedNote(note: SerializedBriefState): SerializedBriefState {
  const blocks = flatNote(note).root.children ?? [];
  const sections: SerializedNode[] = [];
  for (let start = 0; start < blocks.length; ) {
    const rest = blocks.length - (start + SECTION_BLOCKS);
    const end = rest > 0 && rest < SECTION_FEWEST ? blocks.length : start + SECTION_BLOCKS;
    sections.push(sectionJSON(blocks.slice(start, end)));
    start = end;
  }
  return { root: { ...note.root, children: sections } };
}

/** The editor's note as it is saved: the sections' blocks in the root's place, no section left. */
export function flatNote(note: SerializedBriefState): SerializedBriefState {
  const children = note.root.children ?? [];
  if (!children.some((child) => child.type === NOTE_SECTION_NODE_TYPE)) return note;
  const blocks = children.flatMap((child) =>
    child.type === NOTE_SECTION_NODE_TYPE ? (child.children ?? []) : [child],
  );
  return { root: { ...note.root, children: blocks } };
}

const isBlock = (node: LexicalNode) => ($isElementNode(node) || $isDecoratorNode(node)) && !node.isInline();

/**
 * Keeps every root child a section of SECTION_FEWEST to SECTION_MOST blocks (a note shorter than
 * that is one section): a block put in the root goes into the section before it; an empty section
 * goes; a small one joins the one before when they fit; a large one is split in SECTION_BLOCKS.
 * Lexical runs the root's transform after every update (the root is dirty whenever anything
 * below is), so this looks at the ~100 sections of a 2,000-block note and moves nothing when they
 * are in shape.
 */
function $keepSections(root: RootNode): void {
  // Not split while a selection spans it ($gatherSelection): a cut removes the text later.
  const spanned = $selectionSections();
  const held = spanned && spanned[0].is(spanned[1]) ? spanned[0] : null;
  let previous: NoteSectionNode | null = null;
  for (let child = root.getFirstChild(); child !== null; ) {
    const next: LexicalNode | null = child.getNextSibling();
    if (!$isNoteSectionNode(child)) {
      if (previous === null || previous.getChildrenSize() >= SECTION_BLOCKS) {
        previous = $createNoteSectionNode();
        child.insertBefore(previous);
      }
      previous.append(child);
    } else if (child.isEmpty()) {
      child.remove();
    } else if (
      previous !== null &&
      child.getChildrenSize() < SECTION_FEWEST &&
      previous.getChildrenSize() + child.getChildrenSize() <= SECTION_MOST
    ) {
      previous.append(...child.getChildren());
      child.remove();
    } else {
      previous = child;
      if (child.getChildrenSize() > SECTION_MOST && !child.is(held)) {
        const blocks = child.getChildren();
        for (let i = SECTION_BLOCKS; i < blocks.length; i += SECTION_BLOCKS) {
          const section = $createNoteSectionNode();
          previous.insertAfter(section);
          section.append(...blocks.slice(i, i + SECTION_BLOCKS));
          previous = section;
        }
      }
    }
    child = next;
  }
}

/**
 * A section is only ever a root child holding blocks. One pasted or moved inside another gives
 * its blocks to its place; text or an inline node put straight in a section goes in a paragraph.
 */
function $keepSectionShape(section: NoteSectionNode): void {
  const parent = section.getParent();
  if (parent !== null && !$isRootNode(parent)) {
    for (const child of section.getChildren()) section.insertBefore(child);
    section.remove();
    return;
  }
  let paragraph: ReturnType<typeof $createParagraphNode> | null = null;
  for (const child of section.getChildren()) {
    if (isBlock(child)) {
      paragraph = null;
      continue;
    }
    if (paragraph === null) {
      paragraph = $createParagraphNode();
      child.insertBefore(paragraph);
    }
    paragraph.append(child);
  }
}

/** Whether a collapsed selection is at the very start (or end) of `block`. */
function $atBlockEdge(selection: RangeSelection, block: LexicalNode, isBackward: boolean): boolean {
  const { anchor } = selection;
  const node = anchor.getNode();
  if (isBackward) {
    if (anchor.offset !== 0) return false;
    return node.is(block) || ($isElementNode(block) && node.is(block.getFirstDescendant()));
  }
  const end = anchor.type === 'text' ? node.getTextContentSize() : $isElementNode(node) ? node.getChildrenSize() : 0;
  if (anchor.offset !== end) return false;
  return node.is(block) || ($isElementNode(block) && node.is(block.getLastDescendant()));
}

/**
 * Backspace at the start of a section's first block, or Delete at the end of its last, must join
 * it with the block across the section's edge, as anywhere else in the note. Lexical stops at a
 * shadow root's edge, so the neighbouring block is moved into this section first; Lexical's own
 * handler (this one returns false) then finds it next door and does what it always does.
 */
function $openSectionEdge(isBackward: boolean): false {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
  const block = $noteBlockOf(selection.anchor.getNode());
  const section = block?.getParent();
  if (!block || !$isNoteSectionNode(section)) return false;
  if (isBackward) {
    const before = section.getPreviousSibling();
    const last = $isNoteSectionNode(before) ? before.getLastChild() : null;
    if (last && block.getPreviousSibling() === null && $atBlockEdge(selection, block, true)) block.insertBefore(last);
  } else {
    const after = section.getNextSibling();
    const first = $isNoteSectionNode(after) ? after.getFirstChild() : null;
    if (first && block.getNextSibling() === null && $atBlockEdge(selection, block, false)) block.insertAfter(first);
  }
  return false;
}

/** The section holding `node`, or `node` itself when it is one. */
function $sectionOf(node: LexicalNode): NoteSectionNode | null {
  if ($isNoteSectionNode(node)) return node;
  const parent = $noteBlockOf(node)?.getParent();
  return $isNoteSectionNode(parent) ? parent : null;
}

/** The sections holding the start and the end of a selection that is not collapsed. */
function $selectionSections(): [NoteSectionNode, NoteSectionNode] | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return null;
  const [start, end] = selection.isBackward()
    ? [selection.focus, selection.anchor]
    : [selection.anchor, selection.focus];
  const first = $sectionOf(start.getNode());
  const last = $sectionOf(end.getNode());
  return first && last ? [first, last] : null;
}

/**
 * Before a selection across sections is deleted or typed over, its sections become one, so that
 * Lexical joins the first and last blocks' remains as it does within a section (across a shadow
 * root it leaves them apart). Moves the selected blocks once; they are about to go anyway.
 */
function $gatherSelection(): false {
  const spanned = $selectionSections();
  if (!spanned || spanned[0].is(spanned[1])) return false;
  const [first, last] = spanned;
  for (let section = first.getNextSibling(); section !== null; ) {
    const next: LexicalNode | null = section.getNextSibling();
    if ($isNoteSectionNode(section)) {
      first.append(...section.getChildren());
      section.remove();
    }
    if (section.is(last)) break;
    section = next;
  }
  return false;
}

/** What a deleting key does at a section's edge or over a selection across sections. */
function $beforeDeleting(isBackward: boolean): false {
  $gatherSelection();
  return $openSectionEdge(isBackward);
}

/**
 * The sections among `sectionKeys` whose blocks are out of their order on screen. Lexical 0.52's
 * reconciler leaves them so when, in one update, a block moved to an earlier section and another
 * block was created in its place in the later one (undo after a join across an edge does this):
 * working through the later section it finds the moved block's element already gone, and appends
 * the new block at the section's end, not in the place of the one that left. The note on screen
 * then no longer reads as the note saved. Lexical's map from keys to elements stays right.
 */
function $sectionsOutOfOrder(editor: LexicalEditor, sectionKeys: Iterable<NodeKey>): NodeKey[] {
  const out: NodeKey[] = [];
  for (const key of sectionKeys) {
    const section = $getNodeByKey(key);
    const element = editor.getElementByKey(key);
    if (!$isNoteSectionNode(section) || !element) continue;
    let expected = element.firstChild;
    const inOrder = section.getChildrenKeys().every((child) => {
      const same = editor.getElementByKey(child) === expected;
      expected = expected?.nextSibling ?? null;
      return same;
    });
    if (!inOrder) out.push(key);
  }
  return out;
}

/**
 * Draws such sections again, in order, by Lexical's own reconciler: each is replaced by a new
 * section holding the same blocks, whose elements Lexical then moves into it one by one. (Moving
 * the elements ourselves made Lexical's mutation observer find a change in a section the state no
 * longer held, and throw.) One step with the undo or edit before it, not a step of its own.
 */
function redrawSections(editor: LexicalEditor, sectionKeys: NodeKey[]): void {
  editor.update(
    () => {
      for (const key of sectionKeys) {
        const section = $getNodeByKey(key);
        if (!$isNoteSectionNode(section)) continue;
        const fresh = $createNoteSectionNode();
        section.insertBefore(fresh);
        fresh.append(...section.getChildren());
        section.remove();
      }
    },
    { tag: HISTORY_MERGE_TAG },
  );
}

/**
 * The transforms and key handling that keep the note in sections. Register it before the note
 * is set (as NoteContentPlugin does): registering a transform marks every node of its type dirty.
 */
export function registerNoteSections(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerNodeTransform(RootNode, $keepSections),
    editor.registerNodeTransform(NoteSectionNode, $keepSectionShape),
    editor.registerCommand(DELETE_CHARACTER_COMMAND, $beforeDeleting, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(DELETE_WORD_COMMAND, $beforeDeleting, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(DELETE_LINE_COMMAND, $beforeDeleting, COMMAND_PRIORITY_CRITICAL),
    // Every other way a selection is replaced: typing or composing over it, Enter, paste, cut, drag.
    editor.registerCommand(CONTROLLED_TEXT_INSERTION_COMMAND, $gatherSelection, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(INSERT_PARAGRAPH_COMMAND, $gatherSelection, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(INSERT_LINE_BREAK_COMMAND, $gatherSelection, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(PASTE_COMMAND, $gatherSelection, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(CUT_COMMAND, $gatherSelection, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(REMOVE_TEXT_COMMAND, $gatherSelection, COMMAND_PRIORITY_CRITICAL),
  );
}

/**
 * The repair of sections' order on screen ($sectionsOutOfOrder) after each update that may need it:
 * a drawing editor's, so registered apart from registerNoteSections (a headless editor has no DOM).
 */
export function registerSectionOrderRepair(editor: LexicalEditor): () => void {
  return editor.registerUpdateListener(({ tags, dirtyElements, editorState }) => {
    // After undo and redo (a whole state, any block anywhere) every section; after an edit, those
    // whose blocks changed (marked dirty on purpose: `true`).
    const candidates = tags.has(HISTORIC_TAG)
      ? editorState.read(() => $getRoot().getChildrenKeys())
      : [...dirtyElements].filter(([key, intentionally]) => intentionally && key !== 'root').map(([key]) => key);
    if (candidates.length === 0) return;
    const outOfOrder = editorState.read(() => $sectionsOutOfOrder(editor, candidates));
    if (outOfOrder.length > 0) redrawSections(editor, outOfOrder);
  });
}
