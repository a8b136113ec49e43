import { foldForComparison } from '../../shared/text';
import { type Db, prepareCached } from '../archive/database';
import { editDistance } from './editDistance';
import type { ParsedQuery, QueryWord } from './queryParser';
import { upkeepAllowed } from './upkeepAllowed';

/**
 * Did-you-mean: for each word of the query that is nowhere in the archive, the archive's own
 * words within two edits (one for words of up to four letters), closest first, then the most
 * widespread. Each suggestion is the whole query with the word replaced, ready to run.
 *
 * Candidates come from search_terms, a copy of the sources_vocab (fts5vocab) listing with
 * document counts. Reading sources_vocab directly costs about 100 ms per initial letter at
 * 100,000 sources, because FTS5 walks each term's whole posting list to count it; the copy is
 * an ordinary table, so the candidates (same first letter, length within the edit budget) are
 * one index range. The copy is refreshed when the index has changed: at once in small
 * archives, otherwise just after the search returns (refreshSearchTerms; importers should
 * call it after a large import).
 */

const MAX_SUGGESTIONS = 3;
const MAX_WORDS_CHECKED = 8;
/** Below this many sources a stale copy is refreshed before answering (about 15 ms per 1,000). */
const REFRESH_INLINE_UP_TO = 5000;
const STAMP_KEY = 'search_terms_stamp';

interface Candidate {
  term: string;
  docs: number;
  distance: number;
}

export function suggestSpellings(db: Db, parsed: ParsedQuery, query: string): string[] {
  const misspelled: Misspelled[] = [];
  for (const { word, folded } of wordsToCheck(parsed)) {
    if (isIndexed(db, folded)) continue;
    ensureFresh(db);
    const candidates = closeTerms(db, folded);
    if (candidates.length > 0) misspelled.push({ word, candidates });
  }
  return spellingSuggestions(query, misspelled);
}

export interface Misspelled {
  word: QueryWord;
  candidates: Candidate[];
}

/** The query's words worth checking, folded as the index folds them (exported for the team engine). */
export function wordsToCheck(parsed: ParsedQuery): { word: QueryWord; folded: string }[] {
  const out: { word: QueryWord; folded: string }[] = [];
  const seen = new Set<string>();
  for (const word of parsed.words) {
    const folded = foldForComparison(word.word);
    if (!/^\p{L}{3,30}$/u.test(folded) || seen.has(folded)) continue;
    seen.add(folded);
    if (seen.size > MAX_WORDS_CHECKED) break;
    out.push({ word, folded });
  }
  return out;
}

/** The whole query with each misspelled word corrected, then the runners-up for the first one. */
export function spellingSuggestions(query: string, misspelled: readonly Misspelled[]): string[] {
  if (misspelled.length === 0) return [];
  const best = new Map(misspelled.map(({ word, candidates }) => [word, candidates[0]!.term]));
  const suggestions = [rewrite(query, best)];
  // Then the runners-up for the first misspelled word, the others corrected as above.
  const first = misspelled[0]!;
  for (const candidate of first.candidates.slice(1)) {
    suggestions.push(rewrite(query, new Map([...best, [first.word, candidate.term]])));
  }
  return [...new Set(suggestions)].slice(0, MAX_SUGGESTIONS);
}

/** Whether any source has the word (in any column): one posting-list lookup. */
function isIndexed(db: Db, folded: string): boolean {
  return (
    prepareCached(db, 'SELECT 1 FROM sources_fts WHERE sources_fts MATCH ? LIMIT 1').get(`"${folded}"`) !== undefined
  );
}

function closeTerms(db: Db, word: string): Candidate[] {
  return closestTerms(
    word,
    likelyBeginnings(word).flatMap((prefix) => termsNear(db, word, prefix)),
  );
}

/** How many edits a guess may be from the word typed. */
export const editBudget = (word: string): number => (word.length <= 4 ? 1 : 2);

/** The archive's words within the edit budget of `word`, best first (exported for the team engine). */
export function closestTerms(word: string, rows: readonly { term: string; docs: number }[]): Candidate[] {
  const budget = editBudget(word);
  const found = new Map<string, Candidate>();
  for (const row of rows) {
    if (row.term === word || !/^\p{L}+$/u.test(row.term)) continue;
    const distance = editDistance(word, row.term, budget);
    if (distance <= budget) found.set(row.term, { term: row.term, docs: row.docs, distance });
  }
  // Among equally close words, one with the same letters comes first: swapped letters are the
  // commonest slip ("Joyl" is "Joly" before it is "joy" or "joel").
  const letters = sortedLetters(word);
  const rank = (c: Candidate) => c.distance * 2 - (sortedLetters(c.term) === letters ? 1 : 0);
  return [...found.values()]
    .sort((a, b) => rank(a) - rank(b) || b.docs - a.docs || a.term.localeCompare(b.term))
    .slice(0, MAX_SUGGESTIONS);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * How the intended word may begin. Most slips leave the first letter alone, so the same initial
 * is one narrow range of the word list; a slip on the first letter is a few more narrow ranges:
 * the first two letters swapped ("ojly"), the first dropped ("oly": any letter, then "o"), or
 * the first mistyped ("koly": any letter, then "o").
 */
export function likelyBeginnings(word: string): string[] {
  const first = word[0]!;
  const second = word[1]!;
  const out = new Set([first, second]);
  for (const letter of LETTERS) {
    out.add(letter + first);
    out.add(letter + second);
  }
  // A two-letter range inside a one-letter range already searched adds nothing.
  return [...out].filter((prefix) => prefix.length === 1 || !out.has(prefix[0]!));
}

/**
 * The lengths a word beginning with `prefix` (one of likelyBeginnings) can have within the edit
 * budget of `word`. Within one edit, a two-letter beginning, whose first letter is neither of the
 * word's first two, is the first letter mistyped (the word's length, after its second letter) or a
 * letter added before it (one more, before its first): every other single edit keeps the word's
 * first letter or puts its second first. For `Joyl`, the 48 ranges of a slip on the first letter
 * held 1,177 of the 1,511 words read at 100,000 sources, most of them of a length that could not be
 * one edit away. Otherwise (two edits, or one letter), any length within the budget.
 */
export function beginningLengths(word: string, prefix: string): [number, number] {
  const budget = editBudget(word);
  if (budget > 1 || prefix.length < 2) return [word.length - budget, word.length + budget];
  const next = prefix[1];
  return [next === word[1] ? word.length : word.length + 1, next === word[0] ? word.length + 1 : word.length];
}

function termsNear(db: Db, word: string, prefix: string): { term: string; docs: number }[] {
  const [shortest, longest] = beginningLengths(word, prefix);
  return prepareCached(
    db,
    `SELECT term, docs FROM search_terms
     WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?`,
  ).all(prefix, nextString(prefix), shortest, longest) as { term: string; docs: number }[];
}

function sortedLetters(word: string): string {
  return [...word].sort().join('');
}

/** The smallest string greater than every string starting with `prefix`. */
export function nextString(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** The query with each misspelled word replaced, right to left so earlier offsets stay valid. */
function rewrite(query: string, replacements: Map<QueryWord, string>): string {
  let out = query;
  for (const [word, term] of [...replacements].sort((a, b) => b[0].start - a[0].start)) {
    out = `${out.slice(0, word.start)}${term}${out.slice(word.end)}`;
  }
  return out;
}

/**
 * What identifies the index's state: FTS5's averages record (row 1 of its data table), which
 * changes whenever a source is indexed or removed. Compared only for equality.
 */
function indexStamp(db: Db): string {
  const row = prepareCached(db, 'SELECT hex(block) AS stamp FROM sources_fts_data WHERE id = 1').get() as
    | { stamp: string }
    | undefined;
  return row?.stamp ?? '';
}

let pendingRefresh: Db | null = null;

function ensureFresh(db: Db): void {
  const stored = prepareCached(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(STAMP_KEY);
  if (stored === indexStamp(db) || !upkeepAllowed(db)) return;
  const sources = prepareCached(db, 'SELECT count(*) FROM sources').pluck().get() as number;
  if (sources <= REFRESH_INLINE_UP_TO) {
    refreshSearchTerms(db);
  } else if (pendingRefresh !== db) {
    // Answer now from the slightly stale copy; rebuild once this request is over.
    pendingRefresh = db;
    setImmediate(() => {
      pendingRefresh = null;
      try {
        if (db.open) refreshSearchTerms(db);
      } catch (error) {
        console.error('[precis] could not refresh the did-you-mean word list', error);
      }
    });
  }
}

/**
 * Rebuilds search_terms from the index (about 1.3 s at 100,000 sources). Returns false, having
 * changed nothing, when another connection holds the write lock: suggestions then come from the
 * previous copy, and the next search tries again.
 */
export function refreshSearchTerms(db: Db): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.transaction(() => {
      prepareCached(db, 'DELETE FROM search_terms').run();
      prepareCached(db, 'INSERT INTO search_terms (term, docs) SELECT term, doc FROM sources_vocab').run();
      prepareCached(
        db,
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(STAMP_KEY, indexStamp(db));
    }).immediate();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${Number(timeout) || 0}`);
  }
}
