import { afterEach, describe, expect, it } from 'vitest';
import { createBrief, getBrief, renameBrief, saveBrief } from '../../../main/briefs/briefs';
import { renderBriefDocx } from '../../../main/export/docxExport';
import { emptyBriefState } from '../../../shared/briefDocument';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { block, decodeXml, excerpt, GLOBE, NOW, text, xmlParts } from './docxKit';

afterEach(cleanUpTemp);

// What an independent check of the exported files found (issue 12).
describe('Word file details', () => {
  it('declares the separator footnotes and endnotes in settings.xml, as Word and pandoc do', async () => {
    const settings = xmlParts(
      await renderBriefDocx(
        { title: 't', content: emptyBriefState(), classification: 'UNCLASSIFIED', language: 'en' },
        { now: NOW },
      ),
    )['word/settings.xml']!;
    expect(settings).toContain(
      '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' +
        '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr><w:compat>',
    );
  });

  it('strips C1 control characters (U+0080–U+009F), which readers disagree on', async () => {
    const c1 = 'a\u0080b\u0085c\u009fd';
    const source = { ...GLOBE, title: `Title ${c1}`, author: `Jane${'\u0086'} Tremblay` };
    const content = {
      root: block('root', [block('paragraph', [text(`Text ${c1} `), excerpt(1, source, `quote ${c1}`)])]),
    };
    const parts = xmlParts(
      await renderBriefDocx(
        { title: `Brief ${c1}`, content, classification: 'UNCLASSIFIED', language: 'en' },
        { now: NOW },
      ),
    );
    for (const [name, xml] of Object.entries(parts)) {
      expect({ name, c1: /[\u0080-\u009f]/.test(decodeXml(xml)) }).toEqual({ name, c1: false });
    }
    expect(decodeXml(parts['word/document.xml']!)).toContain('Text abcd');
    expect(decodeXml(parts['word/footnotes.xml']!)).toContain('“Title Abcd,”');
  });
});

describe('a brief’s title as stored', () => {
  it('is clean text: no lone surrogate (stored as "�") nor control character', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Arctic\uD800 note\u0085' });
    expect(getBrief(db, brief.id)?.title).toBe('Arctic note');
    const renamed = renameBrief(db, brief.id, 'Budget\uDC00 \u0001note', brief.revision);
    expect(renamed?.title).toBe('Budget note');
    const saved = saveBrief(db, {
      id: brief.id,
      baseRevision: renamed!.revision,
      title: '\uD83D Final',
      content: emptyBriefState(),
    });
    expect(saved?.title).toBe('Final');
    expect(getBrief(db, brief.id)?.title).toBe('Final');
  });
});
