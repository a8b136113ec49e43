import type { LexicalEditor } from 'lexical';
import type { RefObject } from 'react';
import type { BriefCheck, Severity } from '../../shared/integrity/integritySchemas';
import { goToPlace } from './notePlaces';

const SEVERITY_TEXT: Record<Severity, string> = { blocking: 'Blocking', warning: 'Warning', notice: 'Notice' };

/**
 * The "Brief check" region: every finding of the check, most severe first, each a button that
 * takes the analyst to its place in the note.
 */
export function BriefCheckPanel({
  check,
  editorRef,
  onClose,
  onMessage,
}: {
  check: BriefCheck;
  editorRef: RefObject<LexicalEditor | null>;
  onClose: () => void;
  onMessage: (message: string) => void;
}) {
  const goTo = (path: number[] | null) => {
    const editor = editorRef.current;
    if (!editor || !path || !goToPlace(editor, path)) onMessage('That place is no longer in the note.');
  };
  return (
    <section className="brief-check" aria-label="Brief check">
      <h3>Brief check</h3>
      <p role="status">
        {check.findings.length === 0
          ? 'Nothing to report.'
          : `${check.findings.length} finding${check.findings.length === 1 ? '' : 's'}.`}
      </p>
      <ul aria-label="Findings">
        {check.findings.map((finding, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole on each check.
          <li key={i} className={`finding ${finding.severity}`}>
            <span className="finding-severity">{SEVERITY_TEXT[finding.severity]}</span>{' '}
            {finding.path ? (
              <button type="button" className="link" onClick={() => goTo(finding.path)}>
                {finding.message}
              </button>
            ) : (
              <span>{finding.message}</span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        Close brief check
      </button>
    </section>
  );
}
