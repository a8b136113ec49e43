import { afterEach, describe, expect, it } from 'vitest';
import { createBrief, duplicateBrief, getBrief } from '../../../main/briefs/briefs';
import { setCitationStyle } from '../../../main/briefs/citationStyle';
import { UserError } from '../../../main/errors';
import apa from '../../../shared/csl/vendor/apa';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

describe('a brief’s citation style', () => {
  it('starts as Chicago, is kept per brief, and becomes the default for new briefs', () => {
    const { db } = tempArchive();
    const first = createBrief(db, { template: 'blank' });
    expect(first.citationStyle).toBe('chicago-fullnote-bibliography');
    expect(setCitationStyle(db, first.id, 'apa')).toBe(true);
    expect(getBrief(db, first.id)?.citationStyle).toBe('apa');
    expect(createBrief(db, { template: 'briefing-note-fr' }).citationStyle).toBe('apa');
    expect(duplicateBrief(db, first.id)?.citationStyle).toBe('apa');
    expect(setCitationStyle(db, 999, 'chicago-fullnote-bibliography')).toBe(false);
  });

  it('keeps a style added from a .csl file only if citeproc can use it', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank' });
    const custom = apa.replace(
      '<title>American Psychological Association 7th edition</title>',
      '<title>Our APA</title>',
    );
    expect(setCitationStyle(db, brief.id, custom)).toBe(true);
    expect(getBrief(db, brief.id)?.citationStyle).toBe(custom);
    const broken = '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="note"><citation>';
    expect(() => setCitationStyle(db, brief.id, broken)).toThrow(UserError);
    expect(() => setCitationStyle(db, brief.id, broken)).toThrow(/Not a usable CSL style/);
    expect(getBrief(db, brief.id)?.citationStyle).toBe(custom);
  });
});
