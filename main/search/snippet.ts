import type { SnippetPart } from '../../shared/contract';

/** What FTS5's snippet() wraps each match in; the importer removes both from every body. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const LEAD_LENGTH = 200;

/**
 * Splits snippet() output into plain and matched parts. Runs of whitespace (paragraph breaks
 * included) become single spaces, since a result shows its snippet as one line.
 */
export function toSnippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = (): void => {
    const collapsed = text.replace(/\s+/g, ' ');
    if (collapsed !== '') {
      const previous = parts[parts.length - 1];
      if (previous && previous.match === match) previous.text += collapsed;
      else parts.push({ text: collapsed, match });
    }
    text = '';
  };
  for (const char of marked) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      match = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

export function hasMatch(parts: readonly SnippetPart[]): boolean {
  return parts.some((part) => part.match);
}

/** The opening of a body, cut at a word, for hits whose words are only in the title. */
export function leadSnippet(body: string): SnippetPart[] {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= LEAD_LENGTH) return flat ? [{ text: flat, match: false }] : [];
  const room = flat.slice(0, LEAD_LENGTH);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > LEAD_LENGTH / 2 ? room.slice(0, lastSpace) : room;
  return [{ text: `${cut}…`, match: false }];
}
