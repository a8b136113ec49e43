import { foldForComparison } from '../text';
import { type BriefParagraph, CONCLUDING_SECTIONS } from './briefParagraphs';

/**
 * Corroboration: how many independent origins stand behind a paragraph. Two citations are one
 * origin when
 *   - their sources are near-duplicates (one cluster: syndicated copies, rewrites, translations;
 *     main/archive/nearDuplicates.ts), or
 *   - one source credits the other's reporting: its text says it got the facts from an outlet
 *     ("told La Presse", "selon La Presse", "according to Reuters", …; see creditedOutlets) that
 *     is the outlet of another source the paragraph cites.
 * Both relations are joined transitively (A copies B, B credits C: one origin).
 */

export interface OriginFacts {
  sourceId: number;
  title: string;
  /** The near-duplicate cluster (SourceSummary.clusterId). */
  clusterId: number;
  outlet: string | null;
  /** Outlets whose reporting the source credits, folded (creditedOutlets of its text). */
  credits: readonly string[];
  reliability: string | null;
  credibility: number | null;
}

export interface Origin {
  /** The paragraph's sources of this origin, each once, in the order first cited. */
  sourceIds: number[];
}

// Verbs and phrases that hand a statement to the outlet that reported it, in English and French.
// The outlet is a run of capitalised words (with "de", "du", "des", "of", "the" allowed inside).
const NAME = String.raw`((?:The |La |Le |Les |L')?\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|de|du|des|the)\s+)?\p{Lu}[\p{L}'’.-]*){0,3})`;
const CREDIT_LEADS = [
  String.raw`\b(?:told|explained to|said to|confirmed to|confided to|in an interview with|according to|reported by|first reported by|as reported by|cited by)\s+`,
  String.raw`\b(?:selon|d'après|d’après|a déclaré à|a indiqué à|a expliqué à|a confié à|a dit à|a affirmé à|a précisé à|en entrevue à|en entrevue avec|rapporte|rapportait)\s+`,
];
// Compiled at the first use, not at module load: a Unicode-property pattern costs tens of
// milliseconds to compile, and the renderer loads this module before the note's first paint.
let creditPatterns: RegExp[] | null = null;
const creditPatternList = () => (creditPatterns ??= CREDIT_LEADS.map((lead) => new RegExp(lead + NAME, 'gu')));

/**
 * Names the same outlet goes by in the sources we import: translations of a French outlet's
 * story name it in English ("explained to The Press"). Folded on both sides.
 */
const OUTLET_ALIASES: Record<string, string> = {
  'the press': 'la presse',
  'the canadian press': 'la presse canadienne',
  'the duty': 'le devoir',
};

/** An outlet's name as compared: folded, its aliases resolved. */
export function outletKey(name: string): string {
  const folded = foldForComparison(name).replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
  return OUTLET_ALIASES[folded] ?? folded;
}

/** The outlets a text credits for its facts, folded, each once ("told La Presse" → "la presse"). */
export function creditedOutlets(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of creditPatternList()) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1]?.trim();
      if (!name) continue;
      found.add(outletKey(name));
    }
  }
  return [...found];
}

/** Groups cited sources into independent origins (see the comment at the top). */
export function originsOf(sourceIds: readonly number[], facts: ReadonlyMap<number, OriginFacts>): Origin[] {
  const ids = [...new Set(sourceIds)];
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: number): number => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const join = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = facts.get(ids[i]!);
      const b = facts.get(ids[j]!);
      if (a && b && sameOrigin(a, b)) join(a.sourceId, b.sourceId);
    }
  }
  const groups = new Map<number, number[]>();
  for (const id of ids) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((group) => ({ sourceIds: group }));
}

function sameOrigin(a: OriginFacts, b: OriginFacts): boolean {
  if (a.clusterId === b.clusterId) return true;
  const credits = (from: OriginFacts, to: OriginFacts) =>
    to.outlet !== null && from.credits.includes(outletKey(to.outlet));
  return credits(a, b) || credits(b, a);
}

/** Reliability E (unreliable) or F (cannot be judged), or credibility 5 (improbable) or 6 (cannot be judged). */
export function isLowGrade(facts: Pick<OriginFacts, 'reliability' | 'credibility'>): boolean {
  return facts.reliability === 'E' || facts.reliability === 'F' || facts.credibility === 5 || facts.credibility === 6;
}

export type SupportFlag = 'single-origin' | 'low-grade';

export interface ParagraphSupport {
  paragraph: BriefParagraph;
  origins: Origin[];
  /** Set for a Considerations or Recommendation(s) paragraph whose support is weak. */
  flags: SupportFlag[];
}

/**
 * Origins behind each paragraph that cites something, and the flags of those under Considerations
 * or Recommendation(s): resting on a single origin, or only on sources graded E/F or 5/6.
 * A source the facts do not know (deleted since) counts as an origin of its own.
 */
export function paragraphSupport(
  paragraphs: readonly BriefParagraph[],
  facts: ReadonlyMap<number, OriginFacts>,
): ParagraphSupport[] {
  return paragraphs
    .filter((paragraph) => paragraph.uses.length > 0)
    .map((paragraph) => {
      const ids = paragraph.uses.map((use) => use.sourceId);
      const origins = originsOf(ids, facts);
      const flags: SupportFlag[] = [];
      if (paragraph.section && CONCLUDING_SECTIONS.has(paragraph.section)) {
        if (origins.length === 1) flags.push('single-origin');
        const known = [...new Set(ids)].map((id) => facts.get(id));
        if (known.every((fact) => fact !== undefined && isLowGrade(fact))) flags.push('low-grade');
      }
      return { paragraph, origins, flags };
    });
}
