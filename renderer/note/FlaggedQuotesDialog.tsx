import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import type { QuoteProblem } from '../../shared/quoteIntegrity';
import { quoteProblemText } from '../i18n/quoteProblem';

export interface FlaggedQuote {
  sourceId: number;
  quote: string;
  reason: string;
  /** The reason in the interface language's terms; `reason` is its English. */
  problem: QuoteProblem;
}

/** Before export: the quotations that no longer match their sources, and the analyst's choice. */
export function FlaggedQuotesDialog({
  flagged,
  onExport,
  onBack,
}: {
  flagged: FlaggedQuote[];
  onExport: () => void;
  onBack: () => void;
}) {
  const intl = useIntl();
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="flagged-title">
        <h2 id="flagged-title">{intl.formatMessage({ id: 'flagged.title' })}</h2>
        <ul aria-label={intl.formatMessage({ id: 'flagged.list' })}>
          {flagged.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole each time.
            <li key={i}>
              {intl.formatMessage(
                { id: 'flagged.item' },
                { quote: item.quote, reason: quoteProblemText(intl, item.problem) },
              )}
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button type="button" ref={backRef} onClick={onBack}>
            {intl.formatMessage({ id: 'flagged.back' })}
          </button>
          <button type="button" className="primary" onClick={onExport}>
            {intl.formatMessage({ id: 'flagged.exportAnyway' })}
          </button>
        </div>
      </div>
    </div>
  );
}
