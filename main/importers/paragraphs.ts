/** A line that starts a list item, table row, heading or quotation: never joined to the line above. */
const STRUCTURAL_LINE = /^\s*(?:[-*+•]\s|\d{1,3}[.)]\s|\||#{1,6}\s|>)/;

const MAX_WRAPPED_WIDTH = 100;

/**
 * Groups lines into paragraphs.
 *
 * Most clipped articles hold one paragraph per line, with or without blank lines between them,
 * and each line is kept as a paragraph. Text hard-wrapped at a fixed width (email, plain-text
 * reports) is recognised by having blank-line separated blocks and no long lines; there a line is
 * joined to the next unless it is noticeably short (a paragraph's last line, or a heading) or
 * the next line starts a list item or a table row. Joining only ever replaces a line break with
 * a space, so no text is lost whichever way the guess goes.
 */
export function toParagraphs(lines: readonly string[]): string[] {
  const trimmed = lines.map((line) => line.trim());
  const wrapWidth = hardWrapWidth(trimmed);
  const paragraphs: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < trimmed.length; i++) {
    const line = trimmed[i]!;
    if (line === '') {
      if (current !== null) paragraphs.push(current);
      current = null;
      continue;
    }
    current = current === null ? line : `${current} ${line}`;
    if (!joinsNext(trimmed, i, wrapWidth)) {
      paragraphs.push(current);
      current = null;
    }
  }
  if (current !== null) paragraphs.push(current);
  return paragraphs;
}

/**
 * True when line `index` is the first part of a hard-wrapped paragraph that carries on below:
 * such a line is not a headline even if it is short and has no full stop.
 */
export function continuesOnNextLine(lines: readonly string[], index: number): boolean {
  const trimmed = lines.map((line) => line.trim());
  return joinsNext(trimmed, index, hardWrapWidth(trimmed));
}

function joinsNext(trimmed: readonly string[], index: number, wrapWidth: number | null): boolean {
  const line = trimmed[index] ?? '';
  const next = trimmed[index + 1];
  return (
    wrapWidth !== null &&
    next !== undefined &&
    next !== '' &&
    !STRUCTURAL_LINE.test(next) &&
    !line.endsWith(':') &&
    line.length >= wrapWidth * 0.6
  );
}

/** The width the text is wrapped at, or null if it does not look hard-wrapped. */
function hardWrapWidth(lines: readonly string[]): number | null {
  const nonEmpty = lines.filter((line) => line !== '');
  if (nonEmpty.length < 3) return null;
  const short = nonEmpty.filter((line) => line.length <= MAX_WRAPPED_WIDTH);
  // A few long lines (a URL) are tolerated; many mean one paragraph per line.
  if (short.length < nonEmpty.length * 0.9) return null;
  if (short.filter((line) => line.length >= 40).length < 3) return null;
  // Without blank lines the only paragraph boundaries are the line breaks themselves.
  const hasMultiLineBlock = lines.some((line, i) => line !== '' && (lines[i + 1] ?? '') !== '');
  const hasBlankLine = lines.some((line, i) => line === '' && i > 0 && i < lines.length - 1);
  if (!hasMultiLineBlock || !hasBlankLine) return null;
  return Math.max(...short.map((line) => line.length));
}

/** Markdown heading markers carry no words: "## Background" → "Background". */
export function stripMarkdownHeading(line: string): string {
  const match = /^\s*#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
  return match ? match[1]! : line;
}
