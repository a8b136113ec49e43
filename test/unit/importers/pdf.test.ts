import { describe, expect, it } from 'vitest';
import { parsePdf, pdfDate } from '../../../main/importers/formats/pdf';
import { pageAt } from '../../../shared/source';
import { buildPdf } from './fixtures';

const failure = async (bytes: Uint8Array): Promise<string> => {
  try {
    await parsePdf(bytes, 'report.pdf');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the import to fail');
};

const HEADER = 'Arctic Security Review - Committee Report';

/** Three pages with a running head and page-number footers, as a committee report has. */
const REPORT = buildPdf(
  [
    {
      lines: [
        HEADER,
        '',
        'Arctic Security Review',
        '',
        'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa,',
        'and it concluded that surveillance gaps remain serious in the eastern Arctic.',
        '',
        'Page 1 of 3',
      ],
      sizes: { 2: 20 },
    },
    {
      lines: [
        HEADER,
        '',
        'Findings',
        '',
        'Radar coverage ends well south of the Northwest Passage, and the satellites that would',
        'close the gap will not be launched before 2030.',
        '',
        'Page 2 of 3',
      ],
      sizes: { 2: 16 },
    },
    {
      lines: [HEADER, '', 'The minister is expected to answer the report before the summer recess.', '', 'Page 3 of 3'],
    },
  ],
  { Title: 'Arctic Security Review', Author: 'Jane Doe', CreationDate: "D:20230413120000+05'00'" },
);

describe('parsePdf', () => {
  it('keeps page breaks so an excerpt can be cited by page', async () => {
    const parsed = await parsePdf(REPORT, 'review.pdf');
    expect(parsed.body.split('\n\n')).toEqual([
      'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa, and it concluded that surveillance gaps remain serious in the eastern Arctic.',
      'Findings',
      'Radar coverage ends well south of the Northwest Passage, and the satellites that would close the gap will not be launched before 2030.',
      'The minister is expected to answer the report before the summer recess.',
    ]);
    expect(parsed.pageStarts).toEqual([0, parsed.body.indexOf('Findings'), parsed.body.indexOf('The minister')]);
    expect(pageAt(parsed.pageStarts, parsed.body.indexOf('eastern Arctic'))).toBe(1);
    expect(pageAt(parsed.pageStarts, parsed.body.indexOf('Northwest Passage'))).toBe(2);
    expect(pageAt(parsed.pageStarts, parsed.body.indexOf('summer recess'))).toBe(3);
    expect(parsed.format).toBe('pdf');
  });

  it('reads the document information and leaves running heads and page numbers out of the body', async () => {
    const parsed = await parsePdf(REPORT, 'review.pdf');
    expect(parsed).toMatchObject({
      title: 'Arctic Security Review',
      author: 'Jane Doe',
      publishedAt: '2023-04-13',
      language: 'en',
    });
    expect(parsed.body).not.toMatch(/Committee Report|Page \d of 3/);
    // The original keeps every line, pages separated by form feeds.
    expect(parsed.original.split('\f')).toHaveLength(3);
    expect(parsed.original).toContain('Page 2 of 3');
    expect(parsed.original).toContain(HEADER);
  });

  it('gives an empty page the start of the next page with text', async () => {
    const bytes = buildPdf([
      { lines: ['Cover note for the minister on Arctic radar funding and the agreement with Denmark.'] },
      { lines: [] },
      { lines: ['Annex: the cost estimates for the two new radar stations on the northern coast.'] },
    ]);
    const parsed = await parsePdf(bytes, 'note.pdf');
    const annex = parsed.body.indexOf('Annex');
    expect(parsed.pageStarts).toEqual([0, annex, annex]);
    expect(pageAt(parsed.pageStarts, annex)).toBe(3);
  });

  it('detects French text', async () => {
    const bytes = buildPdf([
      {
        lines: [
          "Le comité a entendu douze témoins pendant trois jours d'audiences à Iqaluit et à Ottawa, et il a conclu",
          "que les lacunes de la surveillance restent graves dans l'est de l'Arctique, selon le rapport.",
        ],
      },
    ]);
    const parsed = await parsePdf(bytes, 'rapport.pdf');
    expect(parsed.language).toBe('fr');
    expect(parsed.body).toContain('douze témoins');
  });

  it('refuses what is not a readable PDF, with the reason', async () => {
    expect(await failure(REPORT.subarray(0, Math.floor(REPORT.length * 0.6)))).toBe(
      'the PDF is incomplete (it has no end-of-file marker): it may have been cut short',
    );
    expect(await failure(new TextEncoder().encode('Meeting notes, saved as .pdf by mistake.'))).toBe(
      'file is not a PDF: it is plain text',
    );
    expect(await failure(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe(
      'file is not a PDF: it is a ZIP archive',
    );
    expect(await failure(new TextEncoder().encode('%PDF-1.4\nthis is not a real PDF at all\n%%EOF\n'))).toMatch(
      /^the PDF is damaged and cannot be read \(.+\)$/,
    );
    expect(await failure(buildPdf([{ lines: [] }, { lines: [] }]))).toBe(
      'the PDF has no text: its pages have no text layer, and OCR found none in their images',
    );
  });

  it('reads PDF dates', () => {
    expect(pdfDate("D:20230413120000+05'00'")).toBe('2023-04-13');
    expect(pdfDate('20240229')).toBe('2024-02-29');
    expect(pdfDate('D:20230230')).toBeNull();
    expect(pdfDate(null)).toBeNull();
  });
});
