import { collectFootnoteSources } from '../../shared/briefDocument';
import type { Brief } from '../../shared/briefSchemas';
import { worded } from '../../shared/i18n/localizedText';
import { type BriefParagraph, briefParagraphs, FACTUAL_SECTIONS } from '../../shared/integrity/briefParagraphs';
import { classificationBreach, rollUp } from '../../shared/integrity/classification';
import { paragraphSupport } from '../../shared/integrity/corroboration';
import type { BriefCheck, Finding, IntegrityFact } from '../../shared/integrity/integritySchemas';
import { personMentions } from '../../shared/integrity/personNames';
import { checkBrief as checkQuotations } from '../../shared/quoteIntegrity';
import type { Db } from '../archive/database';
import { getBrief } from '../briefs/briefs';
import { whenDamaged } from '../briefs/damagedBriefs';
import { briefNotFound } from '../notFoundErrors';
import { readIntegrityFacts } from './integrityFacts';
import { nameVariantsOf } from './nameVariants';

/** Spellings looked up per check: the note's names and its sources' people, at most this many. */
const MAX_NAMES = 30;

/**
 * The brief check (the "Check brief" region, `precis check`, and export's gate): every finding
 * about the brief as saved, each with its severity and the place it is about. See
 * docs/integrity.md for what each kind means and why it has its severity.
 */
export function checkSavedBrief(db: Db, briefId: number): BriefCheck {
  const brief = whenDamaged(db, () => getBrief(db, briefId));
  if (!brief) throw briefNotFound(briefId);
  return checkBriefContent(db, brief);
}

export function checkBriefContent(db: Db, brief: Pick<Brief, 'id' | 'classification' | 'content'>): BriefCheck {
  const { content } = brief;
  const nodes = collectFootnoteSources(content);
  const bodies = new Map<number, string>();
  const facts = readIntegrityFacts(
    db,
    nodes.map((node) => node.sourceId),
    bodies,
  );
  const byId = new Map(facts.map((fact) => [fact.sourceId, fact]));
  const paragraphs = briefParagraphs(content);
  const at = placeOfFootnote(paragraphs);
  const name = (id: number) =>
    `#${id} “${shorten(byId.get(id)?.title ?? nodes.find((n) => n.sourceId === id)?.source.title ?? '')}”`;
  const findings: Finding[] = [];

  for (const flag of checkQuotations(content, (id) => bodies.get(id) ?? null)) {
    findings.push({
      kind: 'altered-quotation',
      severity: 'blocking',
      ...worded(
        `Quotation (note ${flag.footnote}) does not match ${name(flag.sourceId)}: ${flag.reason}`,
        'integrity.finding.alteredQuotation',
        { footnote: String(flag.footnote), source: name(flag.sourceId), reason: flag.reason },
      ),
      path: at(flag.footnote),
      footnote: flag.footnote,
      sourceIds: [flag.sourceId],
    });
  }

  const breach = classificationBreach(brief.classification, facts);
  for (const source of breach?.sources ?? []) {
    const footnote = nodes.findIndex((node) => node.sourceId === source.sourceId) + 1;
    findings.push({
      kind: 'classification',
      severity: 'blocking',
      ...worded(
        `${name(source.sourceId)} is marked ${source.classification}; the brief is marked ${brief.classification} and must be marked at least ${breach!.required}.`,
        'integrity.finding.classification',
        {
          source: name(source.sourceId),
          marking: source.classification,
          briefMarking: brief.classification,
          required: breach!.required,
        },
      ),
      path: at(footnote),
      footnote,
      sourceIds: [source.sourceId],
    });
  }

  for (const { paragraph, origins, flags } of paragraphSupport(paragraphs, byId)) {
    if (flags.length === 0) continue;
    const ids = origins.flatMap((origin) => origin.sourceIds);
    const why = [
      flags.includes('single-origin') ? 'rests on a single origin' : null,
      flags.includes('low-grade') ? 'rests only on sources graded E/F or 5/6' : null,
    ].filter(Boolean);
    findings.push({
      kind: 'weak-support',
      severity: 'warning',
      ...worded(
        `${paragraph.heading}: “${excerptOf(paragraph)}” ${why.join(' and ')} (${ids.map(name).join(', ')}).`,
        'integrity.finding.weakSupport',
        {
          heading: String(paragraph.heading),
          excerpt: excerptOf(paragraph),
          why: why.length > 1 ? 'both' : flags.includes('single-origin') ? 'single' : 'low',
          sources: ids.map(name).join(', '),
        },
      ),
      path: paragraph.path,
      footnote: paragraph.uses[0]?.footnote ?? null,
      sourceIds: ids,
    });
  }

  for (const paragraph of paragraphs) {
    if (!paragraph.section || !FACTUAL_SECTIONS.has(paragraph.section)) continue;
    if (paragraph.uses.length > 0 || !paragraph.text.trim()) continue;
    findings.push({
      kind: 'uncited-paragraph',
      severity: 'warning',
      ...worded(
        `${paragraph.heading}: “${excerptOf(paragraph)}” cites no source.`,
        'integrity.finding.uncitedParagraph',
        {
          heading: String(paragraph.heading),
          excerpt: excerptOf(paragraph),
        },
      ),
      path: paragraph.path,
      footnote: null,
      sourceIds: [],
    });
  }

  findings.push(...sourceFindings(nodes, byId, at, name));
  findings.push(...nameFindings(db, paragraphs, facts, bodies));
  const order = { blocking: 0, warning: 1, notice: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return {
    briefId: brief.id,
    classification: brief.classification,
    requiredClassification: rollUp(facts.map((fact) => fact.classification)),
    findings,
  };
}

/** Per cited source, once (at its first footnote): what its citation lacks, and metadata to review. */
function sourceFindings(
  nodes: ReturnType<typeof collectFootnoteSources>,
  byId: Map<number, IntegrityFact>,
  at: (footnote: number) => number[] | null,
  name: (id: number) => string,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  nodes.forEach((node, index) => {
    if (seen.has(node.sourceId)) return;
    seen.add(node.sourceId);
    const footnote = index + 1;
    // A year or month (issued) is a date: the note prints it.
    const dated = node.source.publishedAt || node.source.issued;
    const missing = [dated ? null : 'date', node.source.author ? null : 'author'].filter(Boolean);
    const place = { path: at(footnote), footnote, sourceIds: [node.sourceId] };
    if (missing.length > 0) {
      findings.push({
        kind: 'incomplete-citation',
        severity: 'notice',
        ...worded(
          `Note ${footnote} (${name(node.sourceId)}) has no ${missing.join(' and no ')}.`,
          'integrity.finding.incompleteCitation',
          {
            footnote: String(footnote),
            source: name(node.sourceId),
            missing: missing.length > 1 ? 'both' : (missing[0] ?? 'both'),
          },
        ),
        ...place,
      });
    }
    if (byId.get(node.sourceId)?.needsReview) {
      findings.push({
        kind: 'metadata-review',
        severity: 'notice',
        ...worded(
          `${name(node.sourceId)}: its title, date or outlet rests on weak evidence; check its details.`,
          'integrity.finding.metadataReview',
          { source: name(node.sourceId) },
        ),
        ...place,
      });
    }
  });
  return findings;
}

/**
 * Names of the note (and of the people its sources name) that the archive also spells otherwise
 * for the same person: one finding per person, at the first paragraph naming them.
 */
function nameFindings(
  db: Db,
  paragraphs: readonly BriefParagraph[],
  facts: readonly IntegrityFact[],
  bodies: ReadonlyMap<number, string>,
): Finding[] {
  const spellings = new Set<string>();
  for (const paragraph of paragraphs) for (const m of personMentions(paragraph.text)) spellings.add(m.surname);
  for (const fact of facts) {
    for (const m of personMentions(bodies.get(fact.sourceId) ?? '')) spellings.add(m.surname);
  }
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const spelling of [...spellings].slice(0, MAX_NAMES)) {
    for (const variant of nameVariantsOf(db, spelling)) {
      const all = [variant.name, ...variant.variants].sort().join('|');
      if (reported.has(all)) continue;
      reported.add(all);
      const paragraph = paragraphs.find((p) => [variant.name, ...variant.variants].some((v) => p.text.includes(v)));
      findings.push({
        kind: 'name-variant',
        severity: 'notice',
        ...worded(
          `“${variant.name}” (${variant.person}) is also spelled ${variant.variants.map((v) => `“${v}”`).join(', ')} in the archive (${variant.sourceIds.map((id) => `#${id}`).join(', ')}).`,
          'integrity.finding.nameVariant',
          {
            name: variant.name,
            person: variant.person,
            variants: variant.variants.map((v) => `“${v}”`).join(', '),
            sources: variant.sourceIds.map((id) => `#${id}`).join(', '),
          },
        ),
        path: paragraph?.path ?? null,
        footnote: null,
        sourceIds: variant.sourceIds,
      });
    }
  }
  return findings;
}

function placeOfFootnote(paragraphs: readonly BriefParagraph[]): (footnote: number) => number[] | null {
  return (footnote) => paragraphs.find((p) => p.uses.some((use) => use.footnote === footnote))?.path ?? null;
}

const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const excerptOf = (paragraph: BriefParagraph) => shorten(paragraph.text.trim(), 50);
