import { afterEach, describe, expect, it } from 'vitest';
import { damagedNotice } from '../../../main/archive/backgroundCheck';
import { warningLine } from '../../../main/cli/intl';
import { importBuffer } from '../../../main/importers/importBuffer';
import { failedOutcome } from '../../../main/importers/importFailure';
import { ocrPageProgress } from '../../../main/importers/ocr/scannedPages';
import { checkSavedBrief } from '../../../main/integrity/briefCheck';
import { NOTICE_TEXTS, parseQuery } from '../../../main/search/queryParser';
import { SEARCH_NOTICE_TEXTS } from '../../../main/search/searchSources';
import type { Worded } from '../../../shared/i18n/localizedText';
import { seedsBrief } from '../integrity/integrityKit';
import { catalogText } from '../support/catalogText';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

/**
 * Main writes English for the CLI and logs, and the same sentence as a catalog message for the
 * interface (docs/i18n.md). The English catalog must say exactly what main says, and the French
 * catalog must say it in French.
 */
function expectAgreement({ message, text }: Worded) {
  expect(catalogText('en', text), text.id).toBe(message);
  const inFrench = catalogText('fr', text);
  expect(inFrench, text.id).not.toBe(message);
  expect(inFrench).not.toMatch(/\{|\}/);
}

describe('search notices', () => {
  it.each(Object.entries(NOTICE_TEXTS))('%s says in the English catalog what main says', (_key, make) => {
    expectAgreement(make('after:2024-13'));
  });

  it.each(Object.entries(SEARCH_NOTICE_TEXTS))('%s says in the English catalog what main says', (_key, wording) => {
    expectAgreement(wording);
  });

  it('come with the parsed query, once each, and read in French', () => {
    const parsed = parseQuery('after:2024-13 after:2024-13 "five eyes');
    expect(parsed.notices.map((text) => text.id)).toEqual(['search.notice.unbalancedQuote', 'search.notice.badDate']);
    expect(parsed.notices.map((text) => catalogText('en', text)).join(' ')).toBe(parsed.notice);
    expect(catalogText('fr', parsed.notices[1]!)).toBe(
      '«\u202fafter:2024-13\u202f» a été ignoré\u00a0: écrivez les dates sous la forme AAAA-MM-JJ.',
    );
  });
});

describe('brief check findings', () => {
  it('carry a catalog message for every kind, equal to the English and read in French', async () => {
    const { db } = tempArchive();
    const { id } = await seedsBrief(db);
    const { findings } = checkSavedBrief(db, id);
    expect(new Set(findings.map((finding) => finding.kind)).size).toBe(7);
    for (const finding of findings) {
      expect(finding.text, finding.kind).toBeDefined();
      expectAgreement({ message: finding.message, text: finding.text! });
    }
    const uncited = findings.find((finding) => finding.kind === 'uncited-paragraph')!;
    expect(catalogText('fr', uncited.text!)).toBe(
      'Background\u00a0: «\u202fCanada is part of the Five Eyes alliance.\u202f» ne cite aucune source.',
    );
  });
});

describe('import progress', () => {
  it('says the OCR page in the English catalog as main does, and in French', () => {
    expectAgreement(ocrPageProgress(3, 12));
    expect(catalogText('fr', ocrPageProgress(3, 12).text)).toBe('ROC, page 3 sur 12');
  });
});

describe('why a file could not be imported', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const cases: [name: string, bytes: Uint8Array, french: string][] = [
    ['notes.xyz', encode('x'), 'format .xyz non pris en charge'],
    ['README', encode('x'), 'format non pris en charge (aucune extension)'],
    ['blank.txt', encode('   \n  '), 'le fichier ne contient que des espaces'],
    ['nul.txt', new Uint8Array([65, 0, 66, 0, 0, 67]), 'le fichier semble binaire'],
    ['refs.ris', encode('TY  - JOUR'), 'les fichiers .ris contiennent des références'],
  ];

  it.each(cases)(
    '%s: the reason comes as a catalog message, equal to the English and read in French',
    async (name, bytes, french) => {
      const { db } = tempArchive();
      const outcome = await importBuffer(db, name, bytes);
      expect(outcome.kind).toBe('failed');
      if (outcome.kind !== 'failed') return;
      expect(outcome.errorText, outcome.error).toBeDefined();
      expectAgreement({ message: outcome.error, text: outcome.errorText! });
      expect(catalogText('fr', outcome.errorText!)).toContain(french);
    },
  );

  it('names system errors in French too', () => {
    const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    const outcome = failedOutcome(missing);
    expectAgreement({ message: outcome.error, text: outcome.errorText! });
    expect(catalogText('fr', outcome.errorText!)).toBe('fichier ou dossier introuvable');
  });
});

describe('a damage the background check finds', () => {
  it('is told as a catalog message, equal to the English, and each door says it in its language', async () => {
    const notice = damagedNotice('Tree 12 page 34: btreeInitPage() returns error code 11');
    expectAgreement(notice);
    expect(await warningLine(notice.text, { LANG: 'fr_CA.UTF-8' })).toMatch(
      /^Avertissement\u00a0: L’archive est endommagée \(SQLite quick_check\s: Tree 12 page 34/,
    );
    expect(await warningLine(notice.text, { LANG: 'en_CA.UTF-8' })).toBe(`Warning: ${notice.message}`);
  });
});
