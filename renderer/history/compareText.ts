/** A run of words of a comparison: in both texts, only in the snapshot, or only in the current note. */
export interface Change {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Past this many words on both sides the word table would be too large: whole blocks are compared. */
const MAX_CELLS = 4_000_000;

/**
 * What changed from `before` (a snapshot) to `after` (the note now), word by word: the longest
 * common subsequence of their words (white space kept with the word it follows), merged into runs.
 */
export function compareText(before: string, after: string): Change[] {
  const split = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];
  let a = split(before);
  let b = split(after);
  if (a.length * b.length > MAX_CELLS) {
    a = before.split(/(?<=\n)/);
    b = after.split(/(?<=\n)/);
  }
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const changes: Change[] = [];
  const push = (kind: Change['kind'], text: string) => {
    const last = changes[changes.length - 1];
    if (last?.kind === kind) last.text += text;
    else changes.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i++] ?? '');
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) push('removed', a[i++] ?? '');
    else push('added', b[j++] ?? '');
  }
  while (i < a.length) push('removed', a[i++] ?? '');
  while (j < b.length) push('added', b[j++] ?? '');
  return changes;
}
