import type { SerializedBriefState } from '../../shared/briefDocument';
import type { Brief, ConflictChoice } from '../../shared/briefSchemas';
import { CLASSIFICATIONS, type Classification } from '../../shared/source';
import { type Db, prepareCached } from '../archive/database';
import { committed } from '../archive/writeErrors';
import { cleanTitle, copyTitle, getBrief, insertBrief, readStoredContent } from './briefs';
import { insertSnapshot } from './snapshots';

/** The higher of two markings (their order in CLASSIFICATIONS): a resolution never lowers one. */
export function higherClassification(a: Classification, b: Classification): Classification {
  return CLASSIFICATIONS.indexOf(a) >= CLASSIFICATIONS.indexOf(b) ? a : b;
}

/** What the stale window held when its save was refused. */
export interface MyVersion {
  title: string;
  classification: Classification;
  content: Brief['content'] | SerializedBriefState;
}

/**
 * Settles a refused save (a conflict) the way the analyst chose, keeping both texts:
 * - 'take-theirs': the brief stays as the other window left it; my text becomes a 'conflict'
 *   snapshot in its history. If my marking was higher, the brief takes it (a marking is raised,
 *   never lowered, by a resolution).
 * - 'keep-mine-as-copy': the brief stays as the other window left it; my text becomes a new
 *   brief, "… (copy)", marked with the higher of the two markings.
 * Returns the brief the window should now show; null when the brief no longer exists.
 */
export function resolveBriefConflict(db: Db, id: number, choice: ConflictChoice, mine: MyVersion): Brief | null {
  const content = JSON.stringify(mine.content);
  // Refuses a damaged text before anything is written, as a save would.
  readStoredContent(content, 'Your version of the brief');
  return committed(db, (): Brief | null => {
    const theirs = getBrief(db, id);
    if (!theirs) return null;
    const marking = higherClassification(theirs.classification, mine.classification);
    const title = cleanTitle(mine.title);
    if (choice === 'keep-mine-as-copy') {
      return insertBrief(db, {
        title: copyTitle(title),
        classification: marking,
        language: theirs.language,
        citationStyle: theirs.citationStyle,
        content: mine.content,
      });
    }
    insertSnapshot(db, id, 'conflict', title, content);
    if (marking !== theirs.classification) {
      prepareCached(
        db,
        'UPDATE briefs SET classification = ?, updated_at = ?, revision = revision + 1 WHERE id = ?',
      ).run(marking, new Date().toISOString(), id);
    }
    return getBrief(db, id);
  });
}
