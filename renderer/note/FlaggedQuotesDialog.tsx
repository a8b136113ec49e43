import { useRef } from 'react';
import { useModalDialog } from '../keyboard/useModalDialog';

export interface FlaggedQuote {
  sourceId: number;
  quote: string;
  reason: string;
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
  const dialogRef = useRef<HTMLDivElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  // Escape is Go back; either way focus returns to the Export button that opened it.
  useModalDialog(dialogRef, onBack, backRef);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="flagged-title" ref={dialogRef}>
        <h2 id="flagged-title">Some quotations do not match their sources</h2>
        <ul aria-label="Flagged quotations">
          {flagged.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole each time.
            <li key={i}>
              “{item.quote}” — {item.reason}
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button type="button" ref={backRef} onClick={onBack}>
            Go back
          </button>
          <button type="button" className="primary" onClick={onExport}>
            Export anyway
          </button>
        </div>
      </div>
    </div>
  );
}
