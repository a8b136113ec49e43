import { type CitationFormat, formatCitationRuns } from './citation';
import { CITATION_NODE_TYPE, readCitation, type SerializedCitation } from './citationNode';
import type { CitationRun } from './csl/citationFormat';
import { EXCERPT_NODE_TYPE, readExcerpt, type SerializedExcerpt } from './excerpt';
import { pageAt } from './source';
import { countWords } from './text';
import { TITLE_BLOCK_NODE_TYPE } from './titleBlock';

/**
 * The subset of Lexical's serialized editor state that a brief contains. Lexical writes more
 * fields than listed; readers must ignore what they do not know. Node types:
 *   root, paragraph, heading (tag h1–h3), quote, text (format bit mask), linebreak, tab,
 *   precis-excerpt (excerpt.ts), precis-citation (citationNode.ts),
 *   precis-title-block (titleBlock.ts).
 */
export interface SerializedNode {
  type: string;
  version?: number;
  children?: SerializedNode[];
  [key: string]: unknown;
}
export interface SerializedBriefState {
  root: SerializedNode;
}

/** Lexical's text format bits (TextNode.format). */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8 } as const;

export function emptyBriefState(): SerializedBriefState {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        {
          type: 'paragraph',
          version: 1,
          direction: null,
          format: '',
          indent: 0,
          textFormat: 0,
          textStyle: '',
          children: [],
        },
      ],
    },
  };
}

/** A node that carries one footnote: a quotation (excerpt) or a paraphrase's citation. */
export type FootnoteSource = SerializedExcerpt | SerializedCitation;

export interface Footnote {
  /** 1-based, in document order. */
  number: number;
  /** The excerpt or citation the footnote belongs to; tell them apart by `type`. */
  node: FootnoteSource;
  /** The citation text shown under the note and written into the Word footnote. */
  text: string;
  /** The same text in runs (italic titles…), as both show it. */
  runs: CitationRun[];
  /** Set when `format.deadline` passed before this note was formatted: `text` is only its title. */
  pending?: true;
}

// Nodes whose JSON is a published shape with no editor children: their inner structure is never
// walked, so that the editor, the exporter and the word count all see the same document.
const LEAF_NODE_TYPES = new Set([EXCERPT_NODE_TYPE, CITATION_NODE_TYPE, TITLE_BLOCK_NODE_TYPE]);

/**
 * Every readable excerpt and citation of the brief, in document order (depth-first, the order a
 * reader meets them). Unreadable ones are skipped: with no citation, they can take no number.
 * `rawNodes`, when given, receives the state's own node of each, in the same order.
 */
export function collectFootnoteSources(state: SerializedBriefState, rawNodes?: SerializedNode[]): FootnoteSource[] {
  const found: FootnoteSource[] = [];
  const visit = (node: SerializedNode): void => {
    if (node.type === EXCERPT_NODE_TYPE || node.type === CITATION_NODE_TYPE) {
      const read = node.type === EXCERPT_NODE_TYPE ? readExcerpt(node) : readCitation(node);
      if (read) {
        found.push(read);
        rawNodes?.push(node);
      }
      return;
    }
    if (LEAF_NODE_TYPES.has(node.type)) return;
    for (const child of childrenOf(node)) visit(child);
  };
  visit(state.root);
  return found;
}

/**
 * What the archive knows about cited sources beyond the snapshot each node carries. Both are
 * optional: the editor numbers footnotes without them; the exporter passes what the analyst chose.
 */
export interface FootnoteFacts {
  /** Page starts of paginated sources (SourceDetail.pageStarts), by source id: footnotes say "p. 3". */
  pageStarts?: ReadonlyMap<number, readonly number[] | null>;
  /** Admiralty grades ("B2", see gradeLabel) by source id, appended to each citation as "[B2]". */
  grades?: ReadonlyMap<number, string>;
  /** The archive's year or month of sources with no day, for snapshots that carry no date. */
  issued?: ReadonlyMap<number, string>;
}

/** FootnoteFacts from the archive's facts per source (the contract's citationFacts). */
export function footnoteFacts(
  facts: readonly {
    sourceId: number;
    pageStarts: readonly number[] | null;
    grade: string | null;
    issued?: string | null;
  }[],
  withGrades: boolean,
): FootnoteFacts {
  const pageStarts = new Map(facts.map((fact) => [fact.sourceId, fact.pageStarts] as const));
  const issued = new Map<number, string>();
  for (const fact of facts) if (fact.issued) issued.set(fact.sourceId, fact.issued);
  if (!withGrades) return { pageStarts, issued };
  const grades = new Map<number, string>();
  for (const { sourceId, grade } of facts) if (grade) grades.set(sourceId, grade);
  return { pageStarts, grades, issued };
}

/**
 * The node with its snapshot dated as precisely as known: a snapshot with no date at all (from a
 * build whose snapshots held days only) takes the archive's year or month, so an older brief
 * does not print "n.d." for a source dated by its year. A snapshot's own date always wins.
 */
function datedNode(node: FootnoteSource, issued: string | undefined): FootnoteSource {
  if (!issued || node.source.publishedAt || node.source.issued) return node;
  return { ...node, source: { ...node.source, issued } };
}

/**
 * Numbers footnotes in document order; the first footnote for a source is its citation in full,
 * later ones (excerpt or citation alike) use the short form, in the brief's style and language.
 * The editor's footnote list and the DOCX exporter both call this, so the note and the Word file
 * always agree.
 */
export function numberFootnotes(
  sources: readonly FootnoteSource[],
  facts: FootnoteFacts = {},
  format: CitationFormat = {},
  memo?: FootnoteMemo,
): Footnote[] {
  const cited = new Set<number>();
  return sources.map((stored, index) => {
    const issued = facts.issued?.get(stored.sourceId);
    const form = cited.has(stored.sourceId) ? 'short' : 'full';
    cited.add(stored.sourceId);
    // The page is where the passage starts; a citation of a whole source has no anchor, so no page.
    const anchor = stored.anchor;
    const page = anchor ? pageAt(facts.pageStarts?.get(stored.sourceId) ?? null, anchor.start) : null;
    const grade = facts.grades?.get(stored.sourceId) ?? null;
    const kept = memo?.get(stored);
    if (
      kept &&
      kept.form === form &&
      kept.page === page &&
      kept.grade === grade &&
      kept.issued === issued &&
      kept.style === format.style &&
      kept.language === format.language
    )
      return { number: index + 1, node: kept.node, text: kept.text, runs: kept.runs };
    const node = datedNode(stored, issued);
    const { text, runs, pending } = formatCitationRuns(node.source, form, { page, grade }, format);
    if (pending) return { number: index + 1, node, text, runs, pending };
    memo?.set(stored, { form, page, grade, issued, style: format.style, language: format.language, node, text, runs });
    return { number: index + 1, node, text, runs };
  });
}

/**
 * What numberFootnotes formatted for each footnote's node, and from what (its form, page, grade,
 * date and the style): a caller that renumbers the same nodes again and again (the editor, after
 * every insert) passes one, and a footnote whose inputs are unchanged is not formatted again — at
 * 2,000 footnotes that was 7–9 ms of each insert. Keyed by the node object: the editor's are never
 * changed once made (an edit makes a new one).
 */
export type FootnoteMemo = WeakMap<
  FootnoteSource,
  {
    form: 'full' | 'short';
    page: number | null;
    grade: string | null;
    issued: string | undefined;
    style: string | undefined;
    language: string | undefined;
    node: FootnoteSource;
    text: string;
    runs: CitationRun[];
  }
>;

// Blocks whose text starts on a new line when the note is read as plain text.
const TEXT_BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'code', 'tablecell']);

/**
 * The words of the note as a reader meets them: text, and each excerpt's quotation (in quotation
 * marks when inline, as the editor shows it). The title block and citations hold no prose of the
 * note, so they add nothing.
 */
export function briefPlainText(state: SerializedBriefState): string {
  const lines: string[] = [];
  let line = '';
  const endLine = () => {
    if (line) lines.push(line);
    line = '';
  };
  const visit = (node: SerializedNode): void => {
    if (node.type === EXCERPT_NODE_TYPE) {
      const excerpt = readExcerpt(node);
      const quote = excerpt?.quote ?? (typeof node.quote === 'string' ? node.quote : '');
      line += excerpt?.display === 'block' ? quote : `“${quote}”`;
      return;
    }
    if (LEAF_NODE_TYPES.has(node.type)) return;
    if (node.type === 'linebreak') line += '\n';
    else if (node.type === 'tab') line += '\t';
    else if (typeof node.text === 'string') line += node.text;
    const isBlock = TEXT_BLOCK_TYPES.has(node.type);
    if (isBlock) endLine();
    for (const child of childrenOf(node)) visit(child);
    if (isBlock) endLine();
  };
  visit(state.root);
  endLine();
  return lines.join('\n');
}

/** The note's word count, as the analyst counts words (see countWords). */
export function countBriefWords(state: SerializedBriefState): number {
  return countWords(briefPlainText(state));
}

// The state comes from disk or the wire: a child that is not an object is skipped, not a crash.
function childrenOf(node: SerializedNode): SerializedNode[] {
  if (!Array.isArray(node.children)) return [];
  return node.children.filter((child): child is SerializedNode => typeof child === 'object' && child !== null);
}
