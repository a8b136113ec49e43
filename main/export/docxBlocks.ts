import {
  AlignmentType,
  FootnoteReferenceRun,
  HeadingLevel,
  type IParagraphOptions,
  type IRunOptions,
  Paragraph,
  type ParagraphChild,
  Tab,
  type Table,
  TextRun,
} from 'docx';
import {
  type Footnote,
  type FootnoteSource,
  type SerializedBriefState,
  type SerializedNode,
  TEXT_FORMAT,
} from '../../shared/briefDocument';
import type { BriefLanguage, BriefSummary } from '../../shared/briefSchemas';
import { CITATION_NODE_TYPE, readCitation } from '../../shared/citationNode';
import { EXCERPT_NODE_TYPE, readExcerpt } from '../../shared/excerpt';
import { stripXmlInvalid } from '../../shared/text';
import { TITLE_BLOCK_NODE_TYPE } from '../../shared/titleBlock';
import { oneLine } from './docxParts';
import { titleBlockTable } from './docxTitleBlock';

// Lexical's bits beyond TEXT_FORMAT; sub/superscript change meaning ("CO2", "1st"), so they are kept.
const SUBSCRIPT = 32;
const SUPERSCRIPT = 64;

// Strong-direction character ranges as Lexical uses them to decide a paragraph's direction.
const RTL_RANGES: readonly (readonly [number, number])[] = [
  [0x0591, 0x07ff],
  [0xfb1d, 0xfdfd],
  [0xfe70, 0xfefc],
];
const LTR_RANGES: readonly (readonly [number, number])[] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2b8],
  [0x300, 0x590],
  [0x800, 0x1fff],
  [0x200e, 0x200e],
  [0x2c00, 0xfb1c],
  [0xfe00, 0xfe6f],
  [0xfefd, 0xffff],
];

export const QUOTE_STYLE_ID = 'Quote';
export const NUMBERED_LIST_REFERENCE = 'precis-numbered';

const INLINE_TYPES = new Set([
  'text',
  'linebreak',
  'tab',
  EXCERPT_NODE_TYPE,
  CITATION_NODE_TYPE,
  'link',
  'autolink',
  'hashtag',
  'mark',
]);
const BLOCK_TYPES = new Set([
  'root',
  TITLE_BLOCK_NODE_TYPE,
  'paragraph',
  'heading',
  'quote',
  'list',
  'listitem',
  'code',
  'horizontalrule',
  'table',
  'tablerow',
  'tablecell',
]);
// Nodes that only hold other blocks: an empty one is not a blank line the analyst typed.
const CONTAINER_TYPES = new Set(['root', 'list', 'table', 'tablerow']);

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const ALIGNMENTS: Record<string, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  // 'start' is absent: it is the default in either direction, and left-to-right Word readers
  // predating ISO 29500 do not know w:jc="start".
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  end: AlignmentType.END,
  justify: AlignmentType.JUSTIFIED,
};

/**
 * Copies the editor state into a tree whose every node has a string `type` and an array of object
 * `children`. The contract and readStoredContent already refuse a brief with anything else; this
 * copy keeps the exporter safe for any caller, and is the one tree both the footnote numbering
 * and the rendering walk, so footnote k lands on the k-th excerpt or citation.
 */
export function sanitiseState(state: SerializedBriefState): SerializedBriefState {
  const clean = (node: SerializedNode): SerializedNode => {
    const children = Array.isArray(node.children)
      ? node.children.filter((child): child is SerializedNode => typeof child === 'object' && child !== null)
      : [];
    return { ...node, type: typeof node.type === 'string' ? node.type : '', children: children.map(clean) };
  };
  const root = typeof state?.root === 'object' && state.root !== null ? state.root : { type: 'root' };
  return { root: clean(root) };
}

/**
 * Hands out footnote numbers in the order excerpts and citations are met, which is
 * collectFootnoteSources' order; a walk that drifted from it fails loudly instead of printing
 * one source's citation under another's words.
 */
export class FootnoteCursor {
  private used = 0;
  constructor(private readonly footnotes: readonly Footnote[]) {}

  next(type: FootnoteSource['type']): Footnote {
    const footnote = this.footnotes[this.used];
    if (!footnote) throw new Error('DOCX export met more footnote references than numberFootnotes counted');
    if (footnote.node.type !== type) {
      throw new Error(`DOCX export met a ${type} where numberFootnotes has footnote ${footnote.number}`);
    }
    this.used++;
    return footnote;
  }

  /** Throws unless every footnote got a reference: Word "repairs" a note nothing points to. */
  assertAllUsed(): void {
    if (this.used !== this.footnotes.length) {
      throw new Error(`DOCX export referenced ${this.used} of ${this.footnotes.length} footnotes`);
    }
  }
}

interface ListContext {
  type: 'bullet' | 'number';
  level: number;
  instance: number;
}

/** What a brief's blocks render with beyond their own JSON: the brief's marking and language. */
export interface BriefFacts {
  classification: BriefSummary['classification'];
  language: BriefLanguage;
  /** The width between the page's margins, in twips: the title block's table spans it. */
  textWidth: number;
}

interface WalkContext {
  notes: FootnoteCursor;
  brief: BriefFacts;
  /** Shared by every copy of the context, so each numbered list gets a distinct instance. */
  counters: { listInstance: number };
  list: ListContext | null;
}

/** Maps the root's blocks to Word paragraphs (and the title block's table), in document order. */
export function renderBlocks(root: SerializedNode, notes: FootnoteCursor, brief: BriefFacts): (Paragraph | Table)[] {
  const context: WalkContext = { notes, brief, counters: { listInstance: 1 }, list: null };
  return renderBlock(root, context);
}

function isBlock(node: SerializedNode): boolean {
  if (BLOCK_TYPES.has(node.type)) return true;
  if (INLINE_TYPES.has(node.type)) return false;
  return (node.children ?? []).some(isBlock);
}

function renderBlock(node: SerializedNode, context: WalkContext): (Paragraph | Table)[] {
  const children = node.children ?? [];
  if (node.type === 'horizontalrule' && children.length === 0) return [new Paragraph({ thematicBreak: true })];
  if (node.type === 'list') return renderList(node, context);
  // A leaf like the excerpt: collectFootnoteSources does not look inside it either.
  if (node.type === TITLE_BLOCK_NODE_TYPE) {
    return [titleBlockTable(node, context.brief)];
  }

  const options = paragraphOptions(node, context);
  const out: (Paragraph | Table)[] = [];
  let runs: ParagraphChild[] | null = null;
  for (const child of children) {
    if (isBlock(child)) {
      if (runs) out.push(new Paragraph({ ...options, children: runs }));
      runs = null;
      const inList = child.type === 'list' || child.type === 'listitem';
      out.push(...renderBlock(child, { ...context, list: inList ? context.list : null }));
    } else {
      runs ??= [];
      runs.push(...renderInline(child, context));
    }
  }
  if (runs) out.push(new Paragraph({ ...options, children: runs }));
  // A paragraph with no children is a blank line the analyst typed; Word needs it as <w:p/>.
  if (children.length === 0 && !CONTAINER_TYPES.has(node.type)) out.push(new Paragraph(options));
  return out;
}

function renderList(node: SerializedNode, context: WalkContext): (Paragraph | Table)[] {
  const parent = context.list;
  const level = parent ? Math.min(parent.level + 1, 8) : 0;
  const type = node.listType === 'number' ? 'number' : 'bullet';
  // A new list restarts at 1; a numbered list nested in a numbered list stays in its parent's
  // instance, where Word restarts the deeper level by itself after each parent item.
  const instance = parent?.type === 'number' && type === 'number' ? parent.instance : context.counters.listInstance++;
  const list: ListContext = { type, level, instance };
  const out: (Paragraph | Table)[] = [];
  for (const child of node.children ?? []) {
    out.push(...renderBlock(child, { ...context, list }));
  }
  return out;
}

function paragraphOptions(node: SerializedNode, context: WalkContext): IParagraphOptions {
  const common: { -readonly [K in keyof IParagraphOptions]: IParagraphOptions[K] } = {};
  if (typeof node.format === 'string' && ALIGNMENTS[node.format]) common.alignment = ALIGNMENTS[node.format];
  if (node.direction === 'rtl') common.bidirectional = true;
  const indent = typeof node.indent === 'number' && node.indent > 0 ? Math.min(Math.floor(node.indent), 10) : 0;
  if (indent > 0 && node.type !== 'listitem') common.indent = { left: 720 * indent };

  switch (node.type) {
    case 'heading': {
      const match = /^h([1-6])$/.exec(typeof node.tag === 'string' ? node.tag : '');
      return { ...common, heading: HEADINGS[match ? Number(match[1]) - 1 : 0] };
    }
    case 'quote':
      return { ...common, style: QUOTE_STYLE_ID };
    case 'listitem': {
      const list = context.list;
      if (!list) return common;
      if (list.type === 'bullet') return { ...common, bullet: { level: list.level } };
      return {
        ...common,
        numbering: { reference: NUMBERED_LIST_REFERENCE, level: list.level, instance: list.instance },
      };
    }
    default:
      return common;
  }
}

function renderInline(node: SerializedNode, context: WalkContext): ParagraphChild[] {
  if (node.type === EXCERPT_NODE_TYPE) return excerptRuns(node, context);
  if (node.type === CITATION_NODE_TYPE) return citationRuns(node, context);
  // Children are walked for every other type, as collectFootnoteSources does, so that an excerpt
  // nested anywhere (a link, a future node type, a malformed text node) keeps its number.
  const nested = (node.children ?? []).flatMap((child) => renderInline(child, context));
  switch (node.type) {
    case 'tab':
      return [new TextRun({ ...runFormat(node.format), children: [new Tab()] }), ...nested];
    case 'linebreak':
      return [new TextRun({ break: 1 }), ...nested];
    default:
      // text, and unknown inline nodes (mentions, future types): keep every word they hold.
      return [...(typeof node.text === 'string' ? textRuns(node.text, runFormat(node.format)) : []), ...nested];
  }
}

function excerptRuns(node: SerializedNode, context: WalkContext): ParagraphChild[] {
  const excerpt = readExcerpt(node);
  const quote = oneLine(excerpt?.quote ?? (typeof node.quote === 'string' ? node.quote : ''));
  if (!excerpt && !quote) return [];
  // A block excerpt is the content of a block quote, whose indented style marks it as quoted.
  const text = excerpt?.display === 'block' ? quote : `“${quote}”`;
  const runs: ParagraphChild[] = [new TextRun({ text, rightToLeft: isRightToLeft(text) })];
  // An unreadable excerpt has no citation and collectFootnoteSources skips it, so it takes no number.
  if (excerpt) runs.push(new FootnoteReferenceRun(context.notes.next(EXCERPT_NODE_TYPE).number));
  return runs;
}

/** A paraphrase's citation is the footnote reference alone: the analyst's words around it are the text. */
function citationRuns(node: SerializedNode, context: WalkContext): ParagraphChild[] {
  if (!readCitation(node)) return [];
  return [new FootnoteReferenceRun(context.notes.next(CITATION_NODE_TYPE).number)];
}

function runFormat(format: unknown): IRunOptions {
  const bits = typeof format === 'number' && Number.isInteger(format) ? format : 0;
  const options: { -readonly [K in keyof IRunOptions]: IRunOptions[K] } = {};
  if (bits & TEXT_FORMAT.bold) options.bold = true;
  if (bits & TEXT_FORMAT.italic) options.italics = true;
  if (bits & TEXT_FORMAT.strikethrough) options.strike = true;
  if (bits & TEXT_FORMAT.underline) options.underline = {};
  if (bits & SUBSCRIPT) options.subScript = true;
  else if (bits & SUPERSCRIPT) options.superScript = true;
  return options;
}

/** Text as runs; tabs and newlines inside a text node become Word tabs and line breaks. */
function textRuns(raw: string, format: IRunOptions): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const piece of stripXmlInvalid(raw).split(/(\r\n|\r|\n|\t)/)) {
    if (piece === '') continue;
    if (piece === '\t') runs.push(new TextRun({ ...format, children: [new Tab()] }));
    else if (piece === '\n' || piece === '\r' || piece === '\r\n') runs.push(new TextRun({ break: 1 }));
    else runs.push(new TextRun({ ...format, text: piece, rightToLeft: isRightToLeft(piece) }));
  }
  return runs;
}

/**
 * Word marks runs of Arabic or Hebrew as right-to-left (w:rtl), which picks the complex-script
 * font and orders neutral characters (digits, punctuation) as the writer meant. A run that mixes
 * in Latin letters is left to Word's bidi algorithm.
 */
function isRightToLeft(text: string): boolean | undefined {
  const within = (code: number, ranges: typeof RTL_RANGES) => ranges.some(([from, to]) => code >= from && code <= to);
  let rtl = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (within(code, LTR_RANGES)) return undefined;
    rtl ||= within(code, RTL_RANGES);
  }
  return rtl || undefined;
}
