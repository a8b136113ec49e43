import { useIntl } from 'react-intl';
import type { ConflictChoice } from '../../shared/briefSchemas';

/**
 * Shown when this window's save was refused because another window changed the brief first. Nothing
 * is saved over the other version until the analyst chooses; either way both texts are kept.
 */
export function ConflictAlert({ onChoose }: { onChoose: (choice: ConflictChoice) => void }) {
  const intl = useIntl();
  return (
    <div className="conflict-alert" role="alert" aria-labelledby="conflict-title">
      <p id="conflict-title">
        <strong>{intl.formatMessage({ id: 'conflict.title' })}</strong> {intl.formatMessage({ id: 'conflict.body' })}
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => onChoose('take-theirs')}>
          {intl.formatMessage({ id: 'conflict.takeTheirs' })}
        </button>
        <button type="button" onClick={() => onChoose('keep-mine-as-copy')}>
          {intl.formatMessage({ id: 'conflict.keepMine' })}
        </button>
      </div>
    </div>
  );
}
