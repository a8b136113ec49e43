import { readExcerpt, type SerializedExcerpt } from '../../shared/excerpt';

/** The drag-and-drop type that carries an excerpt from the reader to the note. */
export const EXCERPT_MIME = 'application/x-precis-excerpt';

export function writeExcerptTransfer(data: DataTransfer, excerpt: SerializedExcerpt): void {
  data.setData(EXCERPT_MIME, JSON.stringify(excerpt));
  data.setData('text/plain', `“${excerpt.quote}”`);
  data.effectAllowed = 'copy';
}

export function carriesExcerpt(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes(EXCERPT_MIME);
}

/** Reads and validates a dropped excerpt; anything else dragged in (another app's data) gives null. */
export function readExcerptTransfer(data: DataTransfer | null): SerializedExcerpt | null {
  const raw = data?.getData(EXCERPT_MIME);
  if (!raw) return null;
  try {
    return readExcerpt(JSON.parse(raw));
  } catch {
    return null;
  }
}
