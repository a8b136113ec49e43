import type { Db } from '../../../main/archive/database';
import { getSource, insertSource, listSources, updateSource } from '../../../main/archive/sources';
import { createBrief, saveBrief } from '../../../main/briefs/briefs';
import { importPaths } from '../../../main/importers/importPaths';
import type { SerializedBriefState, SerializedNode } from '../../../shared/briefDocument';
import { briefTemplate } from '../../../shared/briefTemplates';
import { excerptOf } from '../../../shared/excerpt';
import type { Classification } from '../../../shared/source';
import { titleBlockNode } from '../../../shared/titleBlock';
import { SEEDS_DIR } from '../support/tempArchive';
import { block, text } from './docxKit';

// A real archive behind the exporter's tests: the five seed articles, plus a paginated report
// (as the PDF importer stores one: page starts), graded B2, so footnotes can say "p. 3" and "[B2]".

export const REPORT_PAGES = [
  'Page one introduces the review. ',
  'Page two sets out the method. ',
  'Page three: radar coverage of the Arctic archipelago remains incomplete until 2030.',
];
export const REPORT_QUOTE = 'radar coverage of the Arctic archipelago remains incomplete';

export interface ArchiveFixture {
  seedIds: number[];
  reportId: number;
}

export async function fillArchive(db: Db): Promise<ArchiveFixture> {
  await importPaths(db, [SEEDS_DIR]);
  const seedIds = listSources(db).map((source) => source.id);
  const starts: number[] = [];
  let body = '';
  for (const page of REPORT_PAGES) {
    starts.push(body.length);
    body += page;
  }
  const inserted = insertSource(db, {
    title: 'Arctic Surveillance Review',
    outlet: 'Department of National Defence',
    author: null,
    publishedAt: '2023-11-02',
    url: null,
    language: 'en',
    body,
    original: body,
    fileName: 'arctic-review.pdf',
    format: 'pdf',
    pageStarts: starts,
  });
  if (inserted.kind !== 'inserted') throw new Error('report not inserted');
  updateSource(db, inserted.id, { reliability: 'B', credibility: 2 });
  return { seedIds, reportId: inserted.id };
}

/** An excerpt of a stored source: the `nth` sentence-ish passage of its body (as a drag would make it). */
export function excerptFrom(db: Db, id: number, nth = 0, display: 'inline' | 'block' = 'inline'): SerializedNode {
  const source = getSource(db, id);
  if (!source) throw new Error(`no source ${id}`);
  const sentences = [...source.body.matchAll(/[A-Z][^.!?\n]{30,160}[.!?]/g)];
  const match = sentences[nth % Math.max(1, sentences.length)];
  const start = match?.index ?? 0;
  const end = match ? start + match[0].length - 1 : Math.min(source.body.length, 60);
  return excerptOf(source, start, end, display) as unknown as SerializedNode;
}

export function reportExcerpt(db: Db, reportId: number): SerializedNode {
  const source = getSource(db, reportId)!;
  const start = source.body.indexOf(REPORT_QUOTE);
  return excerptOf(source, start, start + REPORT_QUOTE.length, 'inline') as unknown as SerializedNode;
}

const PROSE = [
  'Officials assess that the proposal is consistent with the department’s mandate and existing authorities.',
  'Provinces and territories have been consulted at the officials level; none has raised objections in principle.',
  'The estimated cost over five years is within the existing reference level, with no new funding sought.',
  'Stakeholders in the North have asked to be involved early, particularly on data about their communities.',
];

/**
 * The English template filled in as an analyst would: title block, every section written, a list,
 * a block quote, and excerpts of the seeds and the report. `paragraphsPerSection` makes it longer.
 */
export function realisticNote(db: Db, fixture: ArchiveFixture, paragraphsPerSection = 1): SerializedBriefState {
  const { content } = briefTemplate('briefing-note-en', '2024-05-01');
  const [, ...template] = content.root.children ?? [];
  const headings = template.filter((node) => node.type === 'heading');
  const [first, second, third] = fixture.seedIds;
  const children: SerializedNode[] = [
    titleBlockNode({
      for: 'The Minister of National Defence',
      from: 'Jane Doe, Director General, Policy',
      subject: 'Arctic radar modernisation',
      date: '2024-05-01',
      fileNumber: '2024-0042',
    }) as unknown as SerializedNode,
  ];
  headings.forEach((heading, section) => {
    children.push(heading);
    for (let p = 0; p < paragraphsPerSection; p++) {
      const n = section * paragraphsPerSection + p;
      children.push(
        block('paragraph', [
          text(`${PROSE[n % PROSE.length]} Reporting notes that `),
          excerptFrom(db, [first, second, third][n % 3]!, n),
          text('. '),
          text(PROSE[(n + 1) % PROSE.length]!),
        ]),
      );
    }
    if (section === 0) {
      children.push(
        block(
          'list',
          [
            block('listitem', [text('Approve the modernisation plan in principle')], { value: 1 }),
            block('listitem', [text('Direct officials to report back by autumn')], { value: 2 }),
          ],
          { listType: 'bullet', tag: 'ul', start: 1 },
        ),
      );
    }
    if (section === 1) {
      children.push(
        block('paragraph', [
          text('The department’s own review is blunt: '),
          reportExcerpt(db, fixture.reportId),
          text('.'),
        ]),
      );
      children.push(block('quote', [excerptFrom(db, second!, 1, 'block')]));
    }
  });
  return { root: { ...content.root, children } };
}

export function storeBrief(db: Db, content: SerializedBriefState, classification: Classification): number {
  const brief = createBrief(db, { template: 'briefing-note-en' });
  saveBrief(db, {
    id: brief.id,
    baseRevision: brief.revision,
    title: 'Arctic radar modernisation',
    classification,
    content,
  });
  return brief.id;
}
