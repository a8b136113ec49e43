/// <reference path="./nspell.d.ts" />
import { loadModule } from 'hunspell-asm';
import nspell from 'nspell';
import type { BriefLanguage } from '../../../shared/briefSchemas';

/**
 * The note's spell-checker, free of the DOM so the worker runs it and unit tests load it in Node:
 * the Hunspell dictionaries of npm's dictionary-en-ca and dictionary-fr, plus the analyst's own
 * words. It takes a block of the note as runs of text (one per Lexical text node) and returns the
 * misspelled words by run and offset.
 *
 * Two engines read the same Hunspell files. English uses nspell (pure JavaScript). nspell expands
 * every affix of a dictionary when it loads, and the French dictionary's rules are vast: measured
 * here, 47 s and 470 MB to load it; so French uses Hunspell itself compiled to WebAssembly
 * (hunspell-asm), which reads the same files in 0.5 s and 80 MB and applies affixes as it checks.
 */

/** One piece of a block's text. Verbatim runs (quotations from sources) are never flagged. */
export interface CheckRun {
  key: string;
  text: string;
  verbatim?: boolean;
}

export interface Misspelling {
  /** The run holding the word. */
  key: string;
  start: number;
  end: number;
  word: string;
}

export interface Dictionary {
  aff: string | Uint8Array;
  dic: string | Uint8Array;
}

/** What one engine offers; the checker adds the tokenising, the leniencies and the cache. */
interface Engine {
  correct(word: string): boolean;
  suggest(word: string): string[];
  add(word: string): void;
}

export interface SpellChecker {
  misspellings(runs: readonly CheckRun[]): Misspelling[];
  correct(word: string): boolean;
  suggest(word: string): string[];
  add(word: string): void;
}

// A word: letters (with their accents), joined by apostrophes or hyphens ("l’État", "well-known").
// Digits touching a word make it a code or a number ("G7", "3rd"), not a word to check.
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const TOUCHES_CODE = /[\p{N}_@/\\]/u;
// What the analyst quotes in their own text is verbatim too: “…”, «…» and "…".
const QUOTED = /“[^”]*”?|«[^»]*»?|"[^"]*"?/g;
// Addresses are not words.
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/g;
// French elisions: checked as the word after the apostrophe when the whole is not in the dictionary.
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/i;

async function loadEngine(language: BriefLanguage, dictionary: Dictionary): Promise<Engine> {
  if (language === 'en') {
    const spell = nspell(toText(dictionary.aff), toText(dictionary.dic));
    return {
      correct: (word) => spell.correct(word),
      suggest: (word) => spell.suggest(word),
      add: (word) => spell.add(word),
    };
  }
  const factory = await loadModule();
  const aff = factory.mountBuffer(toBytes(dictionary.aff), `${language}.aff`);
  const dic = factory.mountBuffer(toBytes(dictionary.dic), `${language}.dic`);
  const hunspell = factory.create(aff, dic);
  return {
    correct: (word) => hunspell.spell(word),
    suggest: (word) => hunspell.suggest(word),
    add: (word) => hunspell.addWord(word),
  };
}

export async function createSpellChecker(
  language: BriefLanguage,
  dictionary: Dictionary,
  ownWords: readonly string[] = [],
): Promise<SpellChecker> {
  const spell = await loadEngine(language, dictionary);
  const known = new Map<string, boolean>();
  const add = (word: string) => {
    spell.add(word);
    known.clear();
  };
  for (const word of ownWords) spell.add(word);

  const correctWord = (word: string): boolean => {
    const cached = known.get(word);
    if (cached !== undefined) return cached;
    const result = checkWord(spell, word);
    known.set(word, result);
    return result;
  };

  return {
    correct: correctWord,
    suggest: (word) =>
      spell.suggest(word.replaceAll('’', "'")).map((s) => (word.includes('’') ? s.replaceAll("'", '’') : s)),
    add,
    misspellings(runs) {
      const text = runs.map((run) => run.text).join('');
      const skipped: Array<[number, number]> = [];
      for (const pattern of [QUOTED, ADDRESS])
        for (const match of text.matchAll(pattern)) skipped.push([match.index, match.index + match[0].length]);
      const found: Misspelling[] = [];
      let offset = 0;
      for (const run of runs) {
        if (!run.verbatim) {
          for (const match of run.text.matchAll(WORD)) {
            const start = match.index;
            const end = start + match[0].length;
            const at = offset + start;
            if (skipped.some(([from, to]) => at >= from && at < to)) continue;
            if (TOUCHES_CODE.test(run.text[start - 1] ?? '') || TOUCHES_CODE.test(run.text[end] ?? '')) continue;
            const word = match[0];
            if (!correctWord(word)) found.push({ key: run.key, start, end, word });
          }
        }
        offset += run.text.length;
      }
      return found;
    },
  };
}

/** Whether a word is spelled right, with the leniencies an analyst's prose needs. */
function checkWord(spell: Engine, word: string): boolean {
  // Single letters and acronyms ("CSIS", "OTAN") are not for a dictionary to judge.
  if (word.length < 2 || (word === word.toUpperCase() && word !== word.toLowerCase())) return true;
  const plain = word.replaceAll('’', "'");
  if (spell.correct(plain)) return true;
  const elided = ELISION.exec(plain);
  if (elided && checkWord(spell, plain.slice(elided[0].length))) return true;
  // A compound the dictionary lacks as a whole is right when each part is ("policy-maker").
  const parts = plain.split('-');
  if (parts.length > 1) return parts.every((part) => part !== '' && checkWord(spell, part));
  return false;
}

function toText(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}
