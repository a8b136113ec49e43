import { foldForComparison } from '../../shared/text';

export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits text into parts, marking occurrences of the search terms the way the index matches them:
 * case- and accent-insensitive, whole words (a term ending in * matches any word it begins).
 * Folding can change length (ﬁ → fi), so matching runs on folded text only where it keeps the
 * same length; otherwise the text is returned unmarked rather than marked in the wrong place.
 */
export function highlightTerms(text: string, terms: readonly string[]): TextPart[] {
  const folded = foldForComparison(text);
  if (terms.length === 0 || folded.length !== text.length) return [{ text, match: false }];
  const patterns = terms
    .map((term) => term.trim())
    .filter(Boolean)
    .map((term) => {
      const prefix = term.endsWith('*');
      const words = foldForComparison(prefix ? term.slice(0, -1) : term)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      if (words.length === 0) return null;
      return `${words.join('[^\\p{L}\\p{N}]+')}${prefix ? '[\\p{L}\\p{N}]*' : ''}`;
    })
    .filter((pattern): pattern is string => pattern !== null);
  if (patterns.length === 0) return [{ text, match: false }];
  const matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of folded.matchAll(matcher)) {
    if (match[0].length === 0) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), match: false });
    parts.push({ text: text.slice(match.index, match.index + match[0].length), match: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}
