import type { LexicalEditor } from 'lexical';
import type { RefObject } from 'react';
import { useIntl } from 'react-intl';
import type { BriefCheck } from '../../shared/integrity/integritySchemas';
import { findingText } from './findingText';
import { goToPlace } from './notePlaces';

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
  const intl = useIntl();
  const goTo = (path: number[] | null) => {
    const editor = editorRef.current;
    if (!editor || !path || !goToPlace(editor, path)) onMessage(intl.formatMessage({ id: 'integrity.check.gone' }));
  };
  return (
    <section className="brief-check" aria-label={intl.formatMessage({ id: 'integrity.check.region' })}>
      <h3>{intl.formatMessage({ id: 'integrity.check.region' })}</h3>
      <p role="status">{intl.formatMessage({ id: 'integrity.check.count' }, { count: check.findings.length })}</p>
      <ul aria-label={intl.formatMessage({ id: 'integrity.check.findings' })}>
        {check.findings.map((finding, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole on each check.
          <li key={i} className={`finding ${finding.severity}`}>
            <span className="finding-severity">
              {intl.formatMessage({ id: `integrity.severity.${finding.severity}` })}
            </span>{' '}
            {finding.path ? (
              <button type="button" className="link" onClick={() => goTo(finding.path)}>
                {findingText(intl, finding)}
              </button>
            ) : (
              <span>{findingText(intl, finding)}</span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {intl.formatMessage({ id: 'integrity.check.close' })}
      </button>
    </section>
  );
}

/** The toolbar's "Check brief". */
export function CheckBriefButton({ onClick }: { onClick: () => void }) {
  const intl = useIntl();
  return (
    <button type="button" onClick={onClick}>
      {intl.formatMessage({ id: 'integrity.check.button' })}
    </button>
  );
}
