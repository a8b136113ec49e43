import type { BriefLanguage } from '../../../shared/briefSchemas';
import type { CheckRun, Misspelling } from './spellChecker';

/** A top-level block of the note (paragraph, heading, list) as the worker checks it. */
export interface CheckBlock {
  key: string;
  runs: CheckRun[];
}

export interface SpellingInit {
  type: 'init';
  language: BriefLanguage;
  affUrl: string;
  dicUrl: string;
  /** The analyst's own words for this language, from the archive. */
  words: string[];
}

/** What the page asks the spelling worker, in order: `init` first, once. */
export type SpellingRequest =
  | SpellingInit
  | { type: 'check'; id: number; blocks: CheckBlock[] }
  | { type: 'suggest'; id: number; word: string }
  | { type: 'add'; word: string };

export type SpellingReply =
  | { type: 'checked'; id: number; blocks: { key: string; misspellings: Misspelling[] }[] }
  | { type: 'suggestions'; id: number; suggestions: string[] }
  | { type: 'failed'; message: string };
