import type { Table } from 'docx';
import { type Footnote, type SerializedBriefState, type SerializedNode, TEXT_FORMAT } from '../../shared/briefDocument';
import type { BriefLanguage, BriefSummary } from '../../shared/briefSchemas';
import { CITATION_NODE_TYPE } from '../../shared/citationNode';
import { EXCERPT_NODE_TYPE } from '../../shared/excerpt';
import { stripXmlInvalid } from '../../shared/text';
import { TITLE_BLOCK_NODE_TYPE } from '../../shared/titleBlock';
import { escapeText, oneLine } from './docxParts';
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

const ALIGNMENTS: Record<string, string> = {
  // 'start' is absent: it is the default in either direction, and left-to-right Word readers
  // predating ISO 29500 do not know w:jc="start".
  left: 'left',
  center: 'center',
  right: 'right',
  end: 'end',
  justify: 'both',
};

/**
 * The editor state as a tree whose every node has a string `type` and, if any, an array of object
 * `children`. The contract and readStoredContent already refuse a brief with anything else; this
 * keeps the exporter safe for any caller, and is the one tree both the footnote numbering and
 * the rendering walk, so footnote k lands on the k-th excerpt or citation.
 */
export function sanitiseState(state: SerializedBriefState): SerializedBriefState {
  // A node already in shape is kept as it is (a long brief is thousands of nodes): only a node
  // with a bad type or child, or above one, is copied.
  const clean = (node: SerializedNode): SerializedNode => {
    const type = typeof node.type === 'string' ? node.type : '';
    if (node.children === undefined && type === node.type) return node;
    const given: unknown[] = Array.isArray(node.children) ? node.children : [];
    let changed = type !== node.type || given !== node.children;
    const children: SerializedNode[] = [];
    for (const child of given) {
      if (typeof child !== 'object' || child === null) {
        changed = true;
        continue;
      }
      const kept = clean(child as SerializedNode);
      changed ||= kept !== child;
      children.push(kept);
    }
    return changed ? { ...node, type, children } : node;
  };
  const root = typeof state?.root === 'object' && state.root !== null ? state.root : { type: 'root' };
  return { root: clean(root) };
}

/**
 * Hands out footnote numbers in the order excerpts and citations are met, which is
 * collectFootnoteSources' order: footnote k belongs to the k-th node it collected (`rawNodes`),
 * that very object, so a node it skipped as unreadable gets none, and a walk that drifted from
 * it fails loudly instead of printing one source's citation under another's words.
 */
export class FootnoteCursor {
  private used = 0;
  constructor(
    private readonly footnotes: readonly Footnote[],
    private readonly rawNodes: readonly SerializedNode[],
  ) {
    if (rawNodes.length !== footnotes.length)
      throw new Error('DOCX export: footnotes and their nodes differ in number');
  }

  /** The footnote of `node`, or null when collectFootnoteSources found it unreadable. */
  take(node: SerializedNode): Footnote | null {
    if (this.rawNodes[this.used] !== node) {
      if (this.rawNodes.indexOf(node, this.used) > this.used) {
        throw new Error(`DOCX export met a ${node.type} ahead of footnote ${this.used + 1}`);
      }
      return null;
    }
    return this.footnotes[this.used++]!;
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

/**
 * The body's blocks: WordprocessingML paragraphs as text, and the title block as a docx table.
 * The paragraphs are written as strings because a 200-page note as docx objects costs seconds to
 * build and serialise; the few tables keep docx's object model.
 */
export interface RenderedBody {
  blocks: (string | Table)[];
  /** How many numbered lists there are: list k (from 1) is numbering.xml's numId k + 1. */
  numberedLists: number;
}

interface WalkContext {
  notes: FootnoteCursor;
  brief: BriefFacts;
  /** Shared by every copy of the context: each list gets a distinct instance, each numbered one a numId. */
  counters: { listInstance: number; numIds: Map<number, number> };
  list: ListContext | null;
}

/** The numId of the bullets (numberingXml in docxParts.ts). */
export const BULLET_NUM_ID = 1;

/** Maps the root's blocks to Word paragraphs (and the title block's table), in document order. */
export function renderBlocks(root: SerializedNode, notes: FootnoteCursor, brief: BriefFacts): RenderedBody {
  const context: WalkContext = { notes, brief, counters: { listInstance: 1, numIds: new Map() }, list: null };
  const blocks: (string | Table)[] = [];
  renderBlock(root, context, blocks);
  return { blocks, numberedLists: context.counters.numIds.size };
}

function isBlock(node: SerializedNode): boolean {
  if (BLOCK_TYPES.has(node.type)) return true;
  if (INLINE_TYPES.has(node.type)) return false;
  return (node.children ?? []).some(isBlock);
}

function renderBlock(node: SerializedNode, context: WalkContext, out: (string | Table)[]): void {
  const children = node.children ?? [];
  if (node.type === 'horizontalrule' && children.length === 0) {
    out.push(
      '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:color="auto" w:sz="6" w:space="1"/></w:pBdr></w:pPr></w:p>',
    );
    return;
  }
  if (node.type === 'list') {
    renderList(node, context, out);
    return;
  }
  // A leaf like the excerpt: collectFootnoteSources does not look inside it either.
  if (node.type === TITLE_BLOCK_NODE_TYPE) {
    out.push(titleBlockTable(node, context.brief));
    return;
  }

  const properties = paragraphProperties(node, context);
  const open = properties ? `<w:p><w:pPr>${properties}</w:pPr>` : '<w:p>';
  let runs: string[] | null = null;
  for (const child of children) {
    if (isBlock(child)) {
      if (runs) out.push(`${open}${runs.join('')}</w:p>`);
      runs = null;
      const inList = child.type === 'list' || child.type === 'listitem';
      renderBlock(child, { ...context, list: inList ? context.list : null }, out);
    } else {
      runs ??= [];
      renderInline(child, context, runs);
    }
  }
  if (runs) out.push(`${open}${runs.join('')}</w:p>`);
  // A paragraph with no children is a blank line the analyst typed; Word needs it as <w:p/>.
  if (children.length === 0 && !CONTAINER_TYPES.has(node.type)) out.push(properties ? `${open}</w:p>` : '<w:p/>');
}

function renderList(node: SerializedNode, context: WalkContext, out: (string | Table)[]): void {
  const parent = context.list;
  const level = parent ? Math.min(parent.level + 1, 8) : 0;
  const type = node.listType === 'number' ? 'number' : 'bullet';
  // A new list restarts at 1; a numbered list nested in a numbered list stays in its parent's
  // instance, where Word restarts the deeper level by itself after each parent item.
  const instance = parent?.type === 'number' && type === 'number' ? parent.instance : context.counters.listInstance++;
  const list: ListContext = { type, level, instance };
  for (const child of node.children ?? []) renderBlock(child, { ...context, list }, out);
}

/** The paragraph's w:pPr content, in the schema's order (pStyle, numPr, pBdr, bidi, ind, jc). */
function paragraphProperties(node: SerializedNode, context: WalkContext): string {
  let style = '';
  let numbering = '';
  switch (node.type) {
    case 'heading': {
      const match = /^h([1-6])$/.exec(typeof node.tag === 'string' ? node.tag : '');
      style = `Heading${match ? match[1] : '1'}`;
      break;
    }
    case 'quote':
      style = QUOTE_STYLE_ID;
      break;
    case 'listitem': {
      const list = context.list;
      if (!list) break;
      style = 'ListParagraph';
      numbering = `<w:numPr><w:ilvl w:val="${list.level}"/><w:numId w:val="${numIdOf(list, context)}"/></w:numPr>`;
      break;
    }
  }
  let xml = style ? `<w:pStyle w:val="${style}"/>${numbering}` : '';
  const rtl = node.direction === 'rtl';
  if (rtl) xml += '<w:bidi/>';
  const indent = typeof node.indent === 'number' && node.indent > 0 ? Math.min(Math.floor(node.indent), 10) : 0;
  if (indent > 0 && node.type !== 'listitem') xml += `<w:ind w:left="${720 * indent}"/>`;
  let alignment = typeof node.format === 'string' ? ALIGNMENTS[node.format] : undefined;
  // In a right-to-left paragraph Word reads "left" and "right" mirrored, as docx wrote them.
  if (rtl && (alignment === 'left' || alignment === 'right')) alignment = alignment === 'left' ? 'right' : 'left';
  if (alignment) xml += `<w:jc w:val="${alignment}"/>`;
  return xml;
}

function numIdOf(list: ListContext, context: WalkContext): number {
  if (list.type === 'bullet') return BULLET_NUM_ID;
  const { numIds } = context.counters;
  let numId = numIds.get(list.instance);
  if (numId === undefined) {
    numId = BULLET_NUM_ID + 1 + numIds.size;
    numIds.set(list.instance, numId);
  }
  return numId;
}

function renderInline(node: SerializedNode, context: WalkContext, out: string[]): void {
  if (node.type === EXCERPT_NODE_TYPE) {
    excerptRuns(node, context, out);
    return;
  }
  if (node.type === CITATION_NODE_TYPE) {
    citationRuns(node, context, out);
    return;
  }
  // Children are walked for every other type, as collectFootnoteSources does, so that an excerpt
  // nested anywhere (a link, a future node type, a malformed text node) keeps its number.
  switch (node.type) {
    case 'tab':
      out.push(run(runFormat(node.format), '<w:tab/>'));
      break;
    case 'linebreak':
      out.push('<w:r><w:br/></w:r>');
      break;
    default:
      // text, and unknown inline nodes (mentions, future types): keep every word they hold.
      if (typeof node.text === 'string') textRuns(node.text, runFormat(node.format), out);
  }
  for (const child of node.children ?? []) renderInline(child, context, out);
}

const FOOTNOTE_REFERENCE = (id: number) =>
  `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;

function excerptRuns(node: SerializedNode, context: WalkContext, out: string[]): void {
  const footnote = context.notes.take(node);
  // An unreadable excerpt has no citation (collectFootnoteSources skips it): its words, no number.
  const excerpt = footnote?.node.type === EXCERPT_NODE_TYPE ? footnote.node : null;
  const quote = oneLine(excerpt?.quote ?? (typeof node.quote === 'string' ? node.quote : ''));
  if (!footnote && !quote) return;
  // A block excerpt is the content of a block quote, whose indented style marks it as quoted.
  const text = excerpt?.display === 'block' ? quote : `“${quote}”`;
  out.push(textRun(text, ''));
  if (footnote) out.push(FOOTNOTE_REFERENCE(footnote.number));
}

/** A paraphrase's citation is the footnote reference alone: the analyst's words around it are the text. */
function citationRuns(node: SerializedNode, context: WalkContext, out: string[]): void {
  const footnote = context.notes.take(node);
  if (footnote) out.push(FOOTNOTE_REFERENCE(footnote.number));
}

/** w:rPr content for Lexical's format bits, in the schema's order (b, i, strike, u, vertAlign). */
function runFormat(format: unknown): string {
  const bits = typeof format === 'number' && Number.isInteger(format) ? format : 0;
  if (bits === 0) return '';
  let xml = '';
  if (bits & TEXT_FORMAT.bold) xml += '<w:b/><w:bCs/>';
  if (bits & TEXT_FORMAT.italic) xml += '<w:i/><w:iCs/>';
  if (bits & TEXT_FORMAT.strikethrough) xml += '<w:strike/>';
  if (bits & TEXT_FORMAT.underline) xml += '<w:u w:val="single"/>';
  if (bits & SUBSCRIPT) xml += '<w:vertAlign w:val="subscript"/>';
  else if (bits & SUPERSCRIPT) xml += '<w:vertAlign w:val="superscript"/>';
  return xml;
}

const run = (properties: string, content: string) =>
  properties ? `<w:r><w:rPr>${properties}</w:rPr>${content}</w:r>` : `<w:r>${content}</w:r>`;

/** A run of text (already free of what XML forbids); right-to-left text is marked w:rtl, last in w:rPr. */
function textRun(text: string, format: string): string {
  const properties = isRightToLeft(text) ? `${format}<w:rtl/>` : format;
  return run(properties, `<w:t xml:space="preserve">${escapeText(text)}</w:t>`);
}

/** Text as runs; tabs and newlines inside a text node become Word tabs and line breaks. */
function textRuns(raw: string, format: string, out: string[]): void {
  const clean = stripXmlInvalid(raw);
  if (!/[\t\n\r]/.test(clean)) {
    if (clean !== '') out.push(textRun(clean, format));
    return;
  }
  for (const piece of clean.split(/(\r\n|\r|\n|\t)/)) {
    if (piece === '') continue;
    if (piece === '\t') out.push(run(format, '<w:tab/>'));
    else if (piece === '\n' || piece === '\r' || piece === '\r\n') out.push('<w:r><w:br/></w:r>');
    else out.push(textRun(piece, format));
  }
}

/**
 * Word marks runs of Arabic or Hebrew as right-to-left (w:rtl), which picks the complex-script
 * font and orders neutral characters (digits, punctuation) as the writer meant. A run that mixes
 * in Latin letters is left to Word's bidi algorithm.
 */
function isRightToLeft(text: string): boolean {
  const within = (code: number, ranges: typeof RTL_RANGES) => ranges.some(([from, to]) => code >= from && code <= to);
  let rtl = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII letters settle it at once, and most runs start with one.
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return false;
    if (code < 0x80) continue;
    if (within(code, LTR_RANGES)) return false;
    rtl ||= within(code, RTL_RANGES);
  }
  return rtl;
}
