import type { ReactNode } from 'react';
import { CLASSIFICATIONS, type Classification } from '../../shared/source';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { ConflictAlert } from './ConflictAlert';
import { ExportMenu } from './ExportMenu';
import { FlaggedQuotesDialog } from './FlaggedQuotesDialog';
import type { BriefSession } from './useBriefSession';

/**
 * The app bar: the open brief's title and marking, history, import, export; below it, what the
 * session asks the analyst: a conflict with another window, or flagged quotations before export.
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
  return (
    <>
      <header className="app-header">
        <h1 className="app-name">Précis</h1>
        <input
          className="brief-title"
          aria-label="Brief title"
          value={session.title}
          onChange={(event) => session.setTitle(event.target.value)}
          onBlur={() => void session.commitTitle()}
        />
        <label className="classification">
          <span className="visually-hidden">Classification</span>
          <select
            aria-label="Classification"
            value={session.classification}
            onChange={(event) => void session.setClassification(event.target.value as Classification)}
          >
            {CLASSIFICATIONS.map((marking) => (
              <option key={marking}>{marking}</option>
            ))}
          </select>
        </label>
        {children}
        <LanguagePicker />
        <button type="button" aria-pressed={historyOpen} onClick={onToggleHistory} disabled={!session.brief}>
          History
        </button>
        <ExportMenu
          briefId={session.brief?.id ?? null}
          disabled={!session.brief}
          onExport={(options) => void session.exportToWord(options)}
          onError={onError}
        />
      </header>
      {session.conflict ? <ConflictAlert onChoose={(choice) => void session.resolveConflict(choice)} /> : null}
      {session.pendingExport ? (
        <FlaggedQuotesDialog
          flagged={session.pendingExport.flagged}
          onExport={session.confirmExport}
          onBack={session.cancelExport}
        />
      ) : null}
    </>
  );
}
