import type { Worded } from '../../shared/i18n/localizedText';

/**
 * Progress within the file being imported ("OCR page 3 of 12"), for whoever shows it: the CLI
 * writes each message to stderr as it comes (a listener), the UI polls the latest through the
 * contract's importProgress while its importFile call is pending. One import runs at a time per
 * process, so one current message is enough.
 */
let current: Worded | null = null;
const listeners = new Set<(message: string) => void>();

export function reportImportProgress(progress: Worded): void {
  current = progress;
  for (const listener of listeners) listener(progress.message);
}

/** Called when a file is done, whatever the outcome. */
export function clearImportProgress(): void {
  current = null;
}

export function currentImportProgress(): Worded | null {
  return current;
}

/** Calls `listener` with each progress message until the returned function is called. */
export function onImportProgress(listener: (message: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
