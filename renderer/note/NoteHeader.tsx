import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { CLASSIFICATIONS, type Classification } from '../../shared/source';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { markingLabel } from '../i18n/marking';
import { ExportCheckDialog } from '../integrity/ExportCheckDialog';
import { MarkingRequirement } from '../integrity/MarkingRequirement';
import { ConflictAlert } from './ConflictAlert';
import { ExportMenu } from './ExportMenu';
import type { BriefSession } from './useBriefSession';

/**
 * The app bar: the open brief's title and marking, history, import, export; below it, what the
 * session asks the analyst: a conflict with another window, or the brief check's findings before export.
 */
export function NoteHeader({
  session,
  historyOpen,
  onToggleHistory,
  onError,
  children,
}: {
  onError: (message: string) => void;
  session: BriefSession;
  historyOpen: boolean;
  onToggleHistory: () => void;
  children?: ReactNode;
}) {
  const intl = useIntl();
  return (
    <>
      <header className="app-header">
        <h1 className="app-name">Précis</h1>
        <input
          className="brief-title"
          aria-label={intl.formatMessage({ id: 'header.title.label' })}
          value={session.title}
          onChange={(event) => session.setTitle(event.target.value)}
          onBlur={() => void session.commitTitle()}
        />
        <label className="classification">
          <span className="visually-hidden">{intl.formatMessage({ id: 'header.classification.label' })}</span>
          <select
            aria-label={intl.formatMessage({ id: 'header.classification.label' })}
            value={session.classification}
            onChange={(event) => void session.setClassification(event.target.value as Classification)}
          >
            {CLASSIFICATIONS.map((marking) => (
              <option key={marking} value={marking}>
                {markingLabel(intl, marking)}
              </option>
            ))}
          </select>
        </label>
        <MarkingRequirement
          classification={session.classification}
          onRaise={(marking) => void session.setClassification(marking)}
        />
        {children}
        <LanguagePicker />
        <button type="button" aria-pressed={historyOpen} onClick={onToggleHistory} disabled={!session.brief}>
          {intl.formatMessage({ id: 'header.history' })}
        </button>
        <ExportMenu
          briefId={session.brief?.id ?? null}
          disabled={!session.brief}
          options={session.exportOptions}
          onOptionsChange={session.setExportOptions}
          onExport={(options) => void session.exportToWord(options)}
          onError={onError}
        />
      </header>
      {session.conflict ? <ConflictAlert onChoose={(choice) => void session.resolveConflict(choice)} /> : null}
      {session.pendingExport ? (
        <ExportCheckDialog
          check={session.pendingExport.check}
          classification={session.classification}
          onExport={session.confirmExport}
          onBack={session.cancelExport}
          onRaise={(marking) => {
            session.cancelExport();
            void session.setClassification(marking);
          }}
        />
      ) : null}
    </>
  );
}
