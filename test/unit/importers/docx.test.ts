import { Document, ExternalHyperlink, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DOCX_LIMITS, parseDocx } from '../../../main/importers/formats/docx';
import { findUnsafeMarkup } from '../../../main/importers/formats/htmlSanitise';
import { buildDocx, buildManyPartZip, buildZipBomb } from './fixtures';

const failure = async (bytes: Uint8Array): Promise<string> => {
  try {
    await parseDocx(bytes, 'report.docx');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the import to fail');
};

describe('parseDocx', () => {
  it('keeps headings as paragraphs of their own and reads the core properties', async () => {
    const bytes = await buildDocx({
      title: 'Arctic surveillance review',
      creator: 'Jane Doe',
      paragraphs: [
        { heading: 1, text: 'Arctic surveillance review' },
        'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa.',
        { heading: 2, text: 'Findings' },
        'Surveillance gaps remain serious in the eastern Arctic, the committee concluded.',
        { heading: 2, text: 'Recommendations' },
        'Fund two more radar stations along the northern coast.',
      ],
    });
    const parsed = await parseDocx(bytes, 'review.docx');
    expect(parsed).toMatchObject({
      title: 'Arctic surveillance review',
      author: 'Jane Doe',
      language: 'en',
      format: 'docx',
    });
    expect(parsed.body.split('\n\n')).toEqual([
      'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa.',
      'Findings',
      'Surveillance gaps remain serious in the eastern Arctic, the committee concluded.',
      'Recommendations',
      'Fund two more radar stations along the northern coast.',
    ]);
    // The docx package stamps the creation time: a file made today says nothing of publication.
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.provenance?.publishedAt).toBeUndefined();
    expect(parsed.original).toContain('<h2>Findings</h2>');
  });

  it('prefers a date in the text to the file creation date, and detects French', async () => {
    const parsed = await parseDocx(
      await buildDocx({
        creator: 'jdoe',
        paragraphs: [
          'date 2023-04-13',
          'Le Canada et la Corée du Sud vont entamer des pourparlers sur le partage de renseignements, a indiqué une source gouvernementale qui a demandé à ne pas être nommée.',
        ],
      }),
      'note.docx',
    );
    expect(parsed.publishedAt).toBe('2023-04-13');
    expect(parsed.language).toBe('fr');
    // A login name is not an author.
    expect(parsed.author).toBeNull();
  });

  it('stores a sanitised original: no javascript: links, no footnote back-arrows in the body', async () => {
    const doc = new Document({
      footnotes: { 1: { children: [new Paragraph('Department of National Defence, 2024 estimates.')] } },
      sections: [
        {
          children: [
            new Paragraph('Radar funding'),
            new Paragraph({
              children: [
                new TextRun('The department will spend $4 billion on radar stations'),
                new FootnoteReferenceRun(1),
                new TextRun('. See '),
                new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('the plan')] }),
                new TextRun(' for the schedule agreed with Denmark in March.'),
              ],
            }),
          ],
        },
      ],
    });
    const parsed = await parseDocx(await Packer.toBuffer(doc), 'funding.docx');
    expect(parsed.original).not.toMatch(/javascript:/i);
    expect(findUnsafeMarkup(parsed.original)).toBeNull();
    expect(parsed.body).toContain('See the plan for the schedule');
    expect(parsed.body).toContain('Department of National Defence, 2024 estimates.');
    expect(parsed.body).not.toContain('↑');
  });

  it('refuses files that are not Word documents, with the reason', async () => {
    expect(await failure(new TextEncoder().encode('Just some notes saved with the wrong name.'))).toBe(
      'file is not a Word document: a .docx is a ZIP package, and this is plain text',
    );
    const oldWord = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await failure(oldWord)).toBe(
      'file is an old-style Word document (.doc), not .docx: save it as .docx in Word first',
    );
    expect(await failure(zipSync({ 'notes.txt': new TextEncoder().encode('hello') }))).toBe(
      'file is a ZIP archive but not a Word document (it has no [Content_Types].xml)',
    );
  });

  it('refuses a damaged document: cut short, or with an unreadable main part', async () => {
    const good = await buildDocx({ paragraphs: ['A paragraph of text that will be cut.'] });
    expect(await failure(good.subarray(0, Math.floor(good.length / 2)))).toBe(
      'the Word document is damaged (its ZIP directory is missing: the file may be cut short)',
    );
    const garbled = zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="x"/>'),
      'word/document.xml': new TextEncoder().encode('<w:document><not xml'),
    });
    expect(await failure(garbled)).toMatch(/^the Word document cannot be read \(.+\)$/);
  });

  it('refuses zip bombs before mammoth opens them: too large unpacked, or too many parts', async () => {
    const bomb = await buildZipBomb(DOCX_LIMITS.maxUncompressedBytes / (1024 * 1024) + 1);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await failure(bomb)).toBe(
      'the Word document expands to more than 64 MB when unpacked: it may be a zip bomb',
    );
    expect(await failure(buildManyPartZip(DOCX_LIMITS.maxEntries + 1))).toBe(
      'the Word document has too many parts (2002; the limit is 2000): it may be a zip bomb',
    );
  });
});
