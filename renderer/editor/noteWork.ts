/**
 * The work a note does after it is drawn, off the keystroke's path: quotation checks, spelling,
 * footnote formatting, the origin badges, the integrity reading. Each kind reports whether it has
 * work queued; the page's root element carries `data-note-work` with the busy kinds ("quotes
 * spelling") while any has, and `"settled"` once none has. Nothing in the app waits on it: it lets a test or a benchmark tell
 * "typing is slow" from "typing met the note's first checks" (bench:editor times keys only once
 * the note is settled; docs/editor.md).
 */
export type NoteWork = 'quotes' | 'spelling' | 'footnotes' | 'origins' | 'integrity';

const busy = new Set<NoteWork>();

/** Marks one kind of work as queued (true) or done (false). */
export function noteWork(kind: NoteWork, queued: boolean): void {
  if (queued === busy.has(kind)) return;
  if (queued) busy.add(kind);
  else busy.delete(kind);
  // The attribute is written only when the state flips: at most twice per kind per burst of work.
  if (typeof document !== 'undefined')
    document.documentElement.dataset.noteWork = busy.size > 0 ? [...busy].sort().join(' ') : 'settled';
}
