import type { ConflictChoice } from '../../shared/briefSchemas';

/**
 * Shown when this window's save was refused because another window changed the brief first. Nothing
 * is saved over the other version until the analyst chooses; either way both texts are kept.
 */
export function ConflictAlert({ onChoose }: { onChoose: (choice: ConflictChoice) => void }) {
  return (
    <div className="conflict-alert" role="alert" aria-labelledby="conflict-title">
      <p id="conflict-title">
        <strong>This brief was changed in another window.</strong> Your changes here are not saved yet; nothing is lost.
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => onChoose('take-theirs')}>
          Take the other version (keep mine as a snapshot)
        </button>
        <button type="button" onClick={() => onChoose('keep-mine-as-copy')}>
          Keep mine as a copy
        </button>
      </div>
    </div>
  );
}
