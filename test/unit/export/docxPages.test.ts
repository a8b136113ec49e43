import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBriefDocx } from '../../../main/export/exportBrief';
import { collectFootnoteSources, numberFootnotes, type SerializedNode } from '../../../shared/briefDocument';
import { libreOfficePdfText, pandocMarkdown } from '../../support/docxReaders';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';
import { fillArchive, realisticNote, storeBrief } from './archiveBrief';
import { block, excerpt, expectAllXmlValid, GLOBE, NOW, text, xmlParts } from './docxKit';

// LibreOffice lays the document out as Word would print it; pdftotext reads each page back.

afterEach(cleanUpTemp);
const ROOT = join(__dirname, '..', '..', '..');
const OPTIONS = { includeSourceList: true, includeGrades: true };

function saveTemp(bytes: Uint8Array): string {
  const file = join(tempDir(), 'note.docx');
  writeFileSync(file, bytes);
  return file;
}

function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
}

const squash = (value: string) => value.replace(/\s+/g, ' ');

describe('printed through LibreOffice', () => {
  it('marks every page top and bottom, numbers "Page X of Y", and sets footnotes at the foot of their page', async () => {
    const { db } = tempArchive();
    const fixture = await fillArchive(db);
    const id = storeBrief(db, realisticNote(db, fixture, 6), 'PROTECTED B');
    const exported = (await exportBriefDocx(db, id, OPTIONS, NOW))!;
    const { pdf } = libreOfficePdfText(saveTemp(exported.bytes));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const footnotes = numberFootnotes(collectFootnoteSources(exported.brief.content));
    let seen = 0;
    for (let page = 1; page <= pages; page++) {
      const lines = pageText(pdf, page)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      // The marking is the first line and the second-to-last; the page number is the last.
      expect(lines[0]).toBe('PROTECTED B');
      expect(lines.at(-2)).toBe('PROTECTED B');
      expect(lines.at(-1)).toBe(`Page ${page} of ${pages}`);
      // Each footnote whose number appears on this page is printed below the body text, on this page.
      const body = squash(lines.slice(1, -2).join(' '));
      for (const note of footnotes) {
        const start = squash(note.text).slice(0, 25);
        const at = body.lastIndexOf(start);
        if (at === -1) continue;
        seen++;
        expect(at).toBeGreaterThan(
          body.indexOf('Reporting notes that') === -1 ? -1 : body.indexOf('Reporting notes that'),
        );
      }
    }
    expect(seen).toBeGreaterThanOrEqual(footnotes.length - 1);
  }, 120_000);

  it('saves page 1 of a realistic PROTECTED B note as a PNG', async () => {
    const { db } = tempArchive();
    const fixture = await fillArchive(db);
    const id = storeBrief(db, realisticNote(db, fixture), 'PROTECTED B');
    const { pdf, text: all } = libreOfficePdfText(saveTemp((await exportBriefDocx(db, id, OPTIONS, NOW))!.bytes));
    expect(all).toContain('Page 1 of');
    const out = join(ROOT, 'test-results');
    mkdirSync(out, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(out, 'export-page1')]);
    copyFileSync(join(out, 'export-page1.png'), join(ROOT, 'docs', 'export-page1.png'));
  }, 120_000);
});

describe('a brief stuffed with hostile characters', () => {
  it('stays well formed and readable by pandoc and LibreOffice', async () => {
    const hostile = `a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\ufffeh\uffffi\ud800j\udc00k`;
    const rtl = 'مرحبا بالعالم שלום';
    const emoji = '👩🏽‍💻 🇨🇦';
    const long = 'Lorem ipsum dolor sit amet. '.repeat(7_143).slice(0, 200_000);
    const source = { ...GLOBE, title: `Title ${hostile}`, outlet: `Outlet ${rtl}` };
    const content = {
      root: block('root', [
        block('heading', [text(`Heading ${hostile} ${emoji}`)], { tag: 'h1' }),
        block('paragraph', [text(`${rtl} ${emoji} `), excerpt(1, source, `quote ${hostile}`) as SerializedNode]),
        block('paragraph', [text(long)]),
      ]),
    };
    const { db } = tempArchive();
    const id = storeBrief(db, content, 'SECRET');
    const exported = (await exportBriefDocx(db, id, OPTIONS, NOW))!;
    expectAllXmlValid(xmlParts(exported.bytes));
    const file = saveTemp(exported.bytes);
    const markdown = pandocMarkdown(file);
    expect(markdown).toContain('# Heading abcdefghijk 👩🏽‍💻 🇨🇦');
    expect(markdown).toContain(rtl);
    expect(markdown).toMatch(/\[\^1\]: Jane Tremblay, “Title Abcdefghijk,” \*Outlet مرحبا/);
    const { text: printed } = libreOfficePdfText(file);
    expect(printed).toContain('SECRET');
    expect(printed).toContain('Lorem ipsum dolor sit amet.');
  }, 180_000);
});
