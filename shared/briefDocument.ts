import { formatCitation } from './citation';
import { EXCERPT_NODE_TYPE, readExcerpt, type SerializedExcerpt } from './excerpt';

/**
 * The subset of Lexical's serialized editor state that a brief contains. Lexical writes more
 * fields than listed; readers must ignore what they do not know. Node types:
 *   root, paragraph, heading (tag h1–h3), quote, text (format bit mask), linebreak, tab,
 *   precis-excerpt (see excerpt.ts).
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

export interface Footnote {
  /** 1-based, in document order. */
  number: number;
  excerpt: SerializedExcerpt;
  /** The citation text shown under the note and written into the Word footnote. */
  text: string;
}

/** Every excerpt of the brief, in document order (depth-first, the order a reader meets them). */
export function collectExcerpts(state: SerializedBriefState): SerializedExcerpt[] {
  const found: SerializedExcerpt[] = [];
  const visit = (node: SerializedNode): void => {
    if (node.type === EXCERPT_NODE_TYPE) {
      const excerpt = readExcerpt(node);
      if (excerpt) found.push(excerpt);
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(state.root);
  return found;
}

/**
 * Numbers footnotes in document order; the first citation of a source is in full, later ones
 * use the short form.
 */
export function numberFootnotes(excerpts: readonly SerializedExcerpt[]): Footnote[] {
  const cited = new Set<number>();
  return excerpts.map((excerpt, index) => {
    const form = cited.has(excerpt.sourceId) ? 'short' : 'full';
    cited.add(excerpt.sourceId);
    return { number: index + 1, excerpt, text: formatCitation(excerpt.source, form) };
  });
}
