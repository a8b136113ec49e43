import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { sourceAssessment } from '../../../renderer/reader/sourceAssessment';
import { gradeLabel } from '../../../shared/citation';
import { citationOf, readCitation } from '../../../shared/citationNode';
import { excerptOf, readExcerpt } from '../../../shared/excerpt';
import { intlConfig } from '../../../shared/i18n/catalogs';
import type { SourceDetail } from '../../../shared/source';

const body = 'Canada and South Korea plan to launch talks.  The proposed agreement would allow for sharing.';
const SOURCE: SourceDetail = {
  id: 7,
  title: 'Canada, South Korea plan to boost security ties',
  outlet: 'The Canadian Press',
  author: 'Jane Doe',
  publishedAt: '2023-04-13',
  url: 'https://example.org/ties',
  language: 'en',
  wordCount: 16,
  importedAt: '2024-01-01T00:00:00.000Z',
  format: 'txt',
  clusterId: 7,
  clusterSize: 1,
  reliability: 'B',
  credibility: 2,
  classification: 'UNCLASSIFIED',
  tags: ['korea'],
  body,
  pageStarts: null,
  provenance: {
    title: { from: 'user', strength: 'strong' },
    outlet: { from: 'user', strength: 'strong' },
    author: { from: 'user', strength: 'strong' },
    publishedAt: { from: 'user', strength: 'strong' },
    language: { from: 'user', strength: 'strong' },
    url: { from: 'user', strength: 'strong' },
  },
  needsReview: false,
  ocrPages: null,
};
const SNAPSHOT = {
  title: SOURCE.title,
  outlet: SOURCE.outlet,
  author: SOURCE.author,
  publishedAt: SOURCE.publishedAt,
  url: SOURCE.url,
  issued: null,
};

describe('building the nodes that carry footnotes, in shared/', () => {
  it('cites a whole source with its citation snapshot and nothing else of the source', () => {
    const citation = citationOf(SOURCE, null);
    expect(citation).toEqual({ type: 'precis-citation', version: 2, sourceId: 7, source: SNAPSHOT, anchor: null });
    expect(readCitation(JSON.parse(JSON.stringify(citation)))).toEqual(citation);
  });

  it('cites a passage paraphrased with the same anchor a quotation of it would have', () => {
    const start = body.indexOf('The proposed');
    const end = body.length - 1;
    const citation = citationOf(SOURCE, { start, end });
    const excerpt = excerptOf(SOURCE, start, end, 'inline');
    expect(citation.anchor).toEqual(excerpt.anchor);
    expect(citation.anchor?.exact).toBe('The proposed agreement would allow for sharing');
    expect(citation.source).toEqual(excerpt.source);
    expect(readExcerpt(excerpt)).toEqual(excerpt);
  });
});

describe('the reader’s assessment line', () => {
  const en = createIntl(intlConfig('en'));
  it('prints the grade as citations do, and says when only half of it is set', () => {
    expect(sourceAssessment(en, SOURCE)).toBe(`Graded ${gradeLabel('B', 2)}`);
    expect(sourceAssessment(en, { ...SOURCE, credibility: null })).toBe('Grade incomplete (reliability B)');
    expect(sourceAssessment(en, { ...SOURCE, reliability: null })).toBe('Grade incomplete (credibility 2)');
    expect(sourceAssessment(en, { ...SOURCE, reliability: null, credibility: null })).toBeNull();
    expect(sourceAssessment(en, { ...SOURCE, classification: 'PROTECTED B' })).toBe('Graded B2 · PROTECTED B');
    const fr = createIntl(intlConfig('fr'));
    expect(sourceAssessment(fr, { ...SOURCE, classification: 'PROTECTED B' })).toBe('Cote B2 · PROTÉGÉ B');
  });
});
