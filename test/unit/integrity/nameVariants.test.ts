import { afterEach, describe, expect, it } from 'vitest';
import { nameVariantsForQuery, nameVariantsOf } from '../../../main/integrity/nameVariants';
import { peopleInText, personMentions } from '../../../shared/integrity/personNames';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { addText, seededArchive } from './integrityKit';

afterEach(cleanUpTemp);

describe('people named in a text', () => {
  it('takes a surname a role or honorific introduces, and its near spellings before a verb in the same text', () => {
    const text =
      'Foreign Minister Mélanie Joly met her counterpart. Jolly said the plan was ready. ' +
      'Jolie promised a strategy. In July officials met. Ms. Joly left for Tokyo.';
    expect(personMentions(text).map((m) => [m.surname, m.given, m.role])).toEqual([
      ['Joly', 'Mélanie', 'minister'],
      ['Jolly', 'Mélanie', 'minister'],
      ['Jolie', 'Mélanie', 'minister'],
      ['Joly', null, null],
    ]);
    const [person] = peopleInText(text);
    expect([...person!.spellings.keys()]).toEqual(['Joly', 'Jolly', 'Jolie']);
  });
});

describe('name variants in the archive', () => {
  it('offers "Jolly" and "Jolie" for "Joly": the seeds spell the minister three ways', async () => {
    const { db } = tempArchive();
    const seed = await seededArchive(db);
    const [variant, ...others] = nameVariantsForQuery(db, 'Joly');
    expect(others).toEqual([]);
    expect(variant!.name).toBe('Joly');
    expect(variant!.variants.sort()).toEqual(['Jolie', 'Jolly']);
    expect(variant!.person).toBe('minister Mélanie Joly');
    expect(variant!.sourceIds).toContain(seed('004'));
    // The other way round too: a misspelling leads to the usual spelling.
    expect(nameVariantsOf(db, 'Jolie')[0]!.variants).toContain('Joly');
    // Filters and excluded words are not names.
    expect(nameVariantsForQuery(db, 'author:Joly -Joly')).toEqual([]);
  });

  it('never offers the spelling of a different person, even a close one', () => {
    const { db } = tempArchive();
    addText(db, 'Talks', 'Foreign Minister Mélanie Joly will travel to Seoul. Ms. Joly said talks would start.');
    addText(db, 'Hockey', 'Coach Pierre Jolly said his team was ready. Jolly added that the season starts soon.');
    addText(db, 'Film', 'Actress Angelina Jolie said the film opens in May.');
    expect(nameVariantsForQuery(db, 'Joly')).toEqual([]);
    expect(nameVariantsForQuery(db, 'Jolly')).toEqual([]);
    expect(nameVariantsForQuery(db, 'Jolie')).toEqual([]);
    // The same person misspelt elsewhere is offered.
    addText(db, 'Visit', 'Minister Jolie arrived in Tokyo on Tuesday.');
    expect(nameVariantsForQuery(db, 'Joly').map((v) => v.variants)).toEqual([['Jolie']]);
  });
});
