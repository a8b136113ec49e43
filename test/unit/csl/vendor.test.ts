import { describe, expect, it } from 'vitest';
import { checkCitationStyle } from '../../../shared/csl/citationFormat';
import { BUILTIN_CITATION_STYLES, citationStyleLabel } from '../../../shared/csl/citationStyles';
import localeEnUS from '../../../shared/csl/vendor/localeEnUS';
import localeFrCA from '../../../shared/csl/vendor/localeFrCA';

describe('the vendored CSL styles and locales', () => {
  it('are the styles and locales they name, under CC BY-SA, and citeproc can use each style', () => {
    for (const style of BUILTIN_CITATION_STYLES) {
      expect(style.xml).toContain(`<id>http://www.zotero.org/styles/${style.id}</id>`);
      expect(style.xml).toContain('creativecommons.org/licenses/by-sa/3.0/');
      expect(checkCitationStyle(style.xml)).toBeNull();
    }
    expect(localeEnUS).toContain('xml:lang="en-US"');
    expect(localeFrCA).toContain('xml:lang="fr-CA"');
    for (const locale of [localeEnUS, localeFrCA]) expect(locale).toContain('creativecommons.org/licenses/by-sa/3.0/');
  });

  it('name an added style by its own title', () => {
    const xml = BUILTIN_CITATION_STYLES[1].xml.replace(/<title>[^<]*<\/title>/, '<title>Style &amp; co</title>');
    expect(citationStyleLabel(xml)).toBe('Style & co');
    expect(citationStyleLabel('apa')).toBe('APA 7th edition');
  });
});
