import CSL from 'citeproc';
import { describe, expect, it } from 'vitest';
import { checkCitationStyle } from '../../../shared/csl/citationFormat';
import { BUILTIN_CITATION_STYLES, citationStyleLabel } from '../../../shared/csl/citationStyles';
import localeEnUS from '../../../shared/csl/vendor/localeEnUS';
import localeFrCA from '../../../shared/csl/vendor/localeFrCA';
import { PARSED_CSL } from '../../../shared/csl/vendor/parsed';

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

describe('the pre-parsed vendored files (tooling/cslJson.mjs)', () => {
  it('are citeproc’s JSON form of each vendored file as it is now', () => {
    const sources: Record<string, string> = {
      ...Object.fromEntries(BUILTIN_CITATION_STYLES.map((style) => [style.id, style.xml])),
      'en-US': localeEnUS,
      'fr-CA': localeFrCA,
    };
    expect(Object.keys(PARSED_CSL).sort()).toEqual(Object.keys(sources).sort());
    for (const [key, xml] of Object.entries(sources)) {
      expect({ key, parsed: JSON.parse(PARSED_CSL[key]!) }).toEqual({ key, parsed: CSL.parseXml(xml) });
    }
  });
});
