import { ftsTokens } from './ftsTokens';

/**
 * How often a phrase occurs in a source's title and body, counted as FTS5 counts instances:
 * token by token, as ftsTokens cuts them. A phrase of ASCII words in plain ASCII text (after
 * curly quotes and dashes, which only separate words) is counted with a regular expression that
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

/**
 * Anything but ASCII and General Punctuation (curly quotes, dashes), which are never part of a
 * word: text without such characters can be counted by pattern, as is.
 */
const NOT_PLAIN = /[^\t\n\r -\u007f\u2000-\u206f]/;

function plainText(text: string): string | null {
  return NOT_PLAIN.test(text) ? null : text;
}

const patterns = new Map<string, RegExp>();

/** Consecutive ASCII words, whole, with anything but letters and digits between them. */
function phrasePattern(words: string[]): RegExp {
  const key = words.join(' ');
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size > 1000) patterns.clear();
    pattern = new RegExp(`(?<![A-Za-z0-9])${words.join('[^A-Za-z0-9]+')}(?![A-Za-z0-9])`, 'gi');
    patterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Whether two occurrences of the phrase can overlap ("a b a" in "a b a b a"): FTS5 counts both,
 * a regular expression only the first, so such phrases are counted token by token.
 */
function canOverlap(words: string[]): boolean {
  for (let length = 1; length < words.length; length++) {
    if (words.slice(words.length - length).join(' ') === words.slice(0, length).join(' ')) return true;
  }
  return false;
}

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

export function countIn(text: SourceText, phrase: CountablePhrase): [number, number] {
  const { words } = phrase;
  if (!phrase.prefix && words.every((word) => /^[a-z0-9]+$/.test(word)) && !canOverlap(words)) {
    if (text.plain === undefined) {
      const title = plainText(text.title);
      const body = title === null ? null : plainText(text.body);
      text.plain = title === null || body === null ? null : { title, body };
    }
    if (text.plain !== null) {
      const pattern = phrasePattern(words);
      return [countMatches(text.plain.title, pattern), countMatches(text.plain.body, pattern)];
    }
  }
  text.tokens ??= { title: ftsTokens(text.title), body: ftsTokens(text.body) };
  return [occurrences(text.tokens.title, phrase), occurrences(text.tokens.body, phrase)];
}
