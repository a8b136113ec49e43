import { ftsTokens } from './ftsTokens';

/**
 * Reading the MATCH expressions the query parser writes (queryParser.ts): the phrases bm25
 * weighs, and the AND groups of OR-ed members, for the plans that decide a source themselves
 * (exactRanking.ts, textDateWalk.ts, rankingMatch.ts).
 */

export interface RankingPhrase {
  /** The phrase as FTS5 reads it, with its column filter, to count its matches. */
  literal: string;
  words: string[];
  prefix: boolean;
}

const PHRASE = /\{title body\} : "((?:[^"]|"")*)"(\*?)/g;

/** A phrase of a column that weighs nothing in bm25 (outlet:, author:, lang:): column, text, prefix star. */
export const WEIGHTLESS_PHRASE = /(outlet|author|language) : "((?:[^"]|"")*)"(\*?)/g;

/** The phrases bm25 gives weight to, in the order FTS5 numbers them. */
export function rankingPhrases(fts: string): RankingPhrase[] {
  // Exclusions come last, after a top-level NOT; quoted text cannot contain one once masked.
  const masked = fts.replace(/"(?:[^"]|"")*"/g, (quoted) => 'x'.repeat(quoted.length));
  const not = masked.indexOf(') NOT (');
  const positive = not < 0 ? fts : fts.slice(0, not);
  const out: RankingPhrase[] = [];
  for (const match of positive.matchAll(PHRASE)) {
    const words = ftsTokens(match[1]!.replace(/""/g, '"'));
    if (words.length > 0) out.push({ literal: match[0], words, prefix: match[2] === '*' });
  }
  return out;
}

/**
 * The query's AND groups of OR-ed members, each member's literal as the parser writes it
 * (`a AND (b OR c) AND d`), or null when the query has an exclusion (NOT).
 */
export function andGroups(fts: string): string[][] | null {
  const masked = fts.replace(/"(?:[^"]|"")*"\*?/g, (quoted) => 'x'.repeat(quoted.length));
  if (masked.includes(' NOT ')) return null;
  const groups: string[][] = [];
  let at = 0;
  for (const part of masked.split(' AND ')) {
    const text = fts.slice(at, at + part.length);
    at += part.length + ' AND '.length;
    const inner = /^\((.*)\)$/.exec(text)?.[1] ?? text;
    // Split where the masked text has its ORs: a quoted phrase may hold the word OR.
    const maskedInner = /^\((.*)\)$/.exec(part)?.[1] ?? part;
    const members: string[] = [];
    let from = 0;
    for (const piece of maskedInner.split(' OR ')) {
      members.push(inner.slice(from, from + piece.length));
      from += piece.length + ' OR '.length;
    }
    groups.push(members);
  }
  return groups;
}

/**
 * The query's AND groups of OR-ed phrases (indexes into rankingPhrases), when it is made of
 * {title body} phrases alone, as the parser writes it: `a AND (b OR c) AND d`. Null otherwise.
 */
export function phraseGroups(fts: string, phraseCount: number): number[][] | null {
  const members = andGroups(fts);
  if (members === null) return null;
  const whole = new RegExp(`^${PHRASE.source}$`);
  let next = 0;
  const groups: number[][] = [];
  for (const group of members) {
    if (!group.every((member) => whole.test(member))) return null;
    groups.push(group.map(() => next++));
  }
  return next === phraseCount ? groups : null;
}
