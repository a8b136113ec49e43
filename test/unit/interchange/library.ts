import type { Db } from '../../../main/archive/database';
import { recordProvenance } from '../../../main/archive/provenance';
import { insertSource } from '../../../main/archive/sources';
import type { CitationFields } from '../../../shared/source';
import { SOURCES } from '../csl/sources';

/** The citation kinds of test/unit/csl/sources.ts, and what is hard to carry through BibTeX and RIS. */
export const LIBRARY: (CitationFields & { language: string | null })[] = [
  ...Object.values(SOURCES).map((source) => ({ ...source, language: 'en' })),
  {
    title: 'Les défis du logement à Montréal : 50 % & plus {selon} l’étude #2',
    outlet: 'Le Devoir',
    author: 'Jean-Pierre de la Tour and Émilie Côté',
    publishedAt: '2024-11-30',
    url: 'https://www.ledevoir.com/logement?id=5&x=%20',
    language: 'fr',
  },
  {
    title: 'A note without a date, by one person',
    outlet: null,
    author: 'Ahmed Al_Rashid',
    publishedAt: null,
    url: 'https://doi.org/10.1234/abc.5678',
    language: null,
  },
];

/** Stores sources as import would, each with its text; returns their ids. */
export function fillArchive(db: Db, sources = LIBRARY): number[] {
  return sources.map((source, i) => {
    const outcome = insertSource(db, {
      ...source,
      body: `Text of source ${i}: ${source.title}.`,
      original: `Text of source ${i}.`,
      fileName: `source${i}.txt`,
    });
    if (outcome.kind !== 'inserted') throw new Error('not inserted');
    recordProvenance(db, outcome.id, { title: 'headline', publishedAt: 'printed-date' });
    return outcome.id;
  });
}
