import { ftsTokens } from './ftsTokens';

/**
 * How often a phrase occurs in a source's title and body, counted as FTS5 counts instances:
 * token by token, as ftsTokens cuts them. A one-word phrase in plain ASCII text (after curly
 * quotes and dashes, which only separate words) is counted with a regular expression that
 * stops at the same boundaries as the tokenizer, without building the token list.
 */

export interface CountablePhrase {
  words: string[];
  prefix: boolean;
}

export interface SourceText {
  title: string;
  body: string;
  plain?: { title: string; body: string } | null;
  tokens?: { title: string[]; body: string[] };
}

/** How often `phrase` occurs in `tokens` (a prefix phrase's last word matches any continuation). */
export function occurrences(tokens: readonly string[], phrase: CountablePhrase): number {
  const { words, prefix } = phrase;
  const last = words.length - 1;
  let count = 0;
  for (let at = 0; at + last < tokens.length; at++) {
    let all = true;
    for (let j = 0; j <= last; j++) {
      const token = tokens[at + j]!;
      if (j === last && prefix ? !token.startsWith(words[j]!) : token !== words[j]) {
        all = false;
        break;
      }
    }
    if (all) count++;
  }
  return count;
}

const NOT_ASCII = /[^\p{ASCII}]/u;

function plainAscii(text: string): string | null {
  const plain = NOT_ASCII.test(text) ? text.replace(/[\u2000-\u206f]/g, ' ') : text;
  return NOT_ASCII.test(plain) ? null : plain;
}

const patterns = new Map<string, RegExp>();

function wordPattern(word: string): RegExp {
  let pattern = patterns.get(word);
  if (!pattern) {
    if (patterns.size > 1000) patterns.clear();
    pattern = new RegExp(`(?<![A-Za-z0-9])${word}(?![A-Za-z0-9])`, 'gi');
    patterns.set(word, pattern);
  }
  return pattern;
}

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

export function countIn(text: SourceText, phrase: CountablePhrase): [number, number] {
  const word = phrase.words[0]!;
  if (!phrase.prefix && phrase.words.length === 1 && /^[a-z0-9]+$/.test(word)) {
    if (text.plain === undefined) {
      const title = plainAscii(text.title);
      const body = title === null ? null : plainAscii(text.body);
      text.plain = title === null || body === null ? null : { title, body };
    }
    if (text.plain !== null) {
      const pattern = wordPattern(word);
      return [countMatches(text.plain.title, pattern), countMatches(text.plain.body, pattern)];
    }
  }
  text.tokens ??= { title: ftsTokens(text.title), body: ftsTokens(text.body) };
  return [occurrences(text.tokens.title, phrase), occurrences(text.tokens.body, phrase)];
}
