import type { SerializedBriefState, SerializedNode } from '../briefDocument';
import { CITATION_NODE_TYPE, readCitation } from '../citationNode';
import { EXCERPT_NODE_TYPE, readExcerpt } from '../excerpt';
import { TITLE_BLOCK_NODE_TYPE } from '../titleBlock';

/** The parts of a briefing note whose evidence the check judges (see briefTemplates.ts). */
export type SectionKind = 'purpose' | 'background' | 'status' | 'considerations' | 'recommendations' | 'other';

// Headings as the templates write them, in English and French, and their usual variants.
const SECTION_NAMES: Record<Exclude<SectionKind, 'other'>, readonly string[]> = {
  purpose: ['purpose', 'objet'],
  background: ['background', 'contexte'],
  status: ['current status', 'situation actuelle'],
  considerations: ['considerations', 'considérations'],
  recommendations: [
    'recommendation(s)',
    'recommendations',
    'recommendation',
    'recommandation(s)',
    'recommandations',
    'recommandation',
  ],
};

export function sectionKind(heading: string): SectionKind {
  const name = heading.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*:$/, '');
  for (const [kind, names] of Object.entries(SECTION_NAMES)) if (names.includes(name)) return kind as SectionKind;
  return 'other';
}

/** Sections whose paragraphs draw conclusions: their evidence must be corroborated. */
export const CONCLUDING_SECTIONS: ReadonlySet<SectionKind> = new Set(['considerations', 'recommendations']);
/** Sections that state facts: each paragraph of them should cite something. */
export const FACTUAL_SECTIONS: ReadonlySet<SectionKind> = new Set(['background', 'status']);

export interface CitedUse {
  sourceId: number;
  /** The footnote number numberFootnotes gives it (document order, 1-based). */
  footnote: number;
  kind: 'quotation' | 'citation';
}

/** One block of prose of the note (paragraph, block quote, list item), where it is and what it cites. */
export interface BriefParagraph {
  /** Child indexes from the root to the block: the place a finding links to. */
  path: number[];
  section: SectionKind | null;
  /** The heading above it, as written; null before the first heading. */
  heading: string | null;
  /** Its own words (quotations included), to say which paragraph a finding is about. */
  text: string;
  uses: CitedUse[];
}

const BLOCKS = new Set(['paragraph', 'quote', 'listitem']);

/**
 * Every block of prose of the brief in document order, with the section it is in and the
 * quotations and citations it holds. Footnote numbers follow collectFootnoteSources' order
 * (depth-first), so they are the numbers the editor and the Word file print.
 */
export function briefParagraphs(state: SerializedBriefState): BriefParagraph[] {
  const paragraphs: BriefParagraph[] = [];
  let footnote = 0;
  let heading: string | null = null;
  let block: BriefParagraph | null = null;

  const visit = (node: SerializedNode, path: number[]): void => {
    if (node.type === EXCERPT_NODE_TYPE || node.type === CITATION_NODE_TYPE) {
      const read = node.type === EXCERPT_NODE_TYPE ? readExcerpt(node) : readCitation(node);
      if (!read) return;
      footnote++;
      const kind = read.type === EXCERPT_NODE_TYPE ? 'quotation' : 'citation';
      block?.uses.push({ sourceId: read.sourceId, footnote, kind });
      if (block && read.type === EXCERPT_NODE_TYPE) block.text += `“${read.quote}”`;
      return;
    }
    if (node.type === TITLE_BLOCK_NODE_TYPE) return;
    if (node.type === 'heading') {
      heading = textOf(node);
      return;
    }
    const opens = BLOCKS.has(node.type);
    const outer = block;
    if (opens) {
      block = {
        path,
        section: heading === null ? null : sectionKind(heading),
        heading,
        text: '',
        uses: [],
      };
      paragraphs.push(block);
    }
    if (typeof node.text === 'string' && block) block.text += node.text;
    childrenOf(node).forEach((child, index) => {
      visit(child, [...path, index]);
    });
    if (opens) block = outer;
  };
  childrenOf(state.root).forEach((child, index) => {
    visit(child, [index]);
  });
  return paragraphs;
}

function textOf(node: SerializedNode): string {
  if (typeof node.text === 'string') return node.text;
  return childrenOf(node).map(textOf).join('');
}

function childrenOf(node: SerializedNode): SerializedNode[] {
  if (!Array.isArray(node.children)) return [];
  return node.children.filter((child): child is SerializedNode => typeof child === 'object' && child !== null);
}
