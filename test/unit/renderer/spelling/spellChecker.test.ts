import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSpellChecker, type SpellChecker } from '../../../../renderer/editor/spelling/spellChecker';
import type { BriefLanguage } from '../../../../shared/briefSchemas';
import { ROOT } from '../../../support/browserSession';

/** The same dictionary files the renderer's build ships. */
function dictionary(language: BriefLanguage) {
  const dir = join(ROOT, 'node_modules', language === 'en' ? 'dictionary-en-ca' : 'dictionary-fr');
  return { aff: readFileSync(join(dir, 'index.aff')), dic: readFileSync(join(dir, 'index.dic')) };
}

const words = (checker: SpellChecker, text: string) => checker.misspellings([{ key: 'a', text }]).map((m) => m.word);

describe('the spell-checker in English (en-CA)', () => {
  let checker: SpellChecker;
  beforeAll(async () => {
    checker = await createSpellChecker('en', dictionary('en'), ['Kanata']);
  });

  it('finds misspelled words with their offsets, in Canadian spelling', () => {
    const text = 'The minister will recieve the colour report from the centre.';
    expect(checker.misspellings([{ key: 'a', text }])).toEqual([{ key: 'a', start: 18, end: 25, word: 'recieve' }]);
    expect(checker.suggest('recieve')).toContain('receive');
  });

  it('never flags quotations: verbatim runs, and words the analyst put in quotation marks', () => {
    const runs = [
      { key: 'p1', text: 'She said ' },
      { key: 'q', text: '“the goverment will recieve it”', verbatim: true },
      { key: 'p2', text: ' and “teh” stays, but teh is wrong.' },
    ];
    expect(checker.misspellings(runs)).toEqual([{ key: 'p2', start: 22, end: 25, word: 'teh' }]);
  });

  it('leaves acronyms, codes and addresses alone', () => {
    expect(words(checker, 'CSIS and the G7 met at https://exmaple.ca/pagez on 3rd May.')).toEqual([]);
  });

  it('accepts the analyst’s added words, from the archive and added later', () => {
    expect(words(checker, 'Kanata and Orleans and Barrhaven')).toEqual(['Barrhaven']);
    checker.add('Barrhaven');
    expect(words(checker, 'Kanata and Orleans and Barrhaven')).toEqual([]);
  });
});

describe('the spell-checker in French', () => {
  let checker: SpellChecker;
  beforeAll(async () => {
    checker = await createSpellChecker('fr', dictionary('fr'), ['Nunavik']);
  });

  it('checks French with its elisions and accents, not English', () => {
    expect(words(checker, 'Aujourd’hui, le gouvernment du Québec et l’État annoncent qu’il signera.')).toEqual([
      'gouvernment',
    ]);
    expect(words(checker, 'The minister')).toEqual(['The', 'minister']);
    expect(checker.suggest('gouvernment')).toContain('gouvernement');
  });

  it('never flags quotations, and keeps added words', () => {
    expect(words(checker, 'Il a dit « the minister » au Nunavik.')).toEqual([]);
    expect(words(checker, 'Le Nunavut et Kuujjuaq')).toEqual(['Kuujjuaq']);
    checker.add('Kuujjuaq');
    expect(words(checker, 'Le Nunavut et Kuujjuaq')).toEqual([]);
  });
});
