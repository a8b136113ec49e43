import { useRef } from 'react';
import { useIntl } from 'react-intl';
import { raisedMarking } from '../../shared/integrity/classification';
import type { BriefCheck } from '../../shared/integrity/integritySchemas';
import type { Classification } from '../../shared/source';
import { useModalDialog } from '../keyboard/useModalDialog';
import { findingText } from './findingText';

/**
 * Before export: the brief check's blocking findings (classification breaches, altered
 * quotations), which the analyst must settle first, or its warnings, which the analyst may export
 * past. Raising the marking is offered here in one step, as beside the marking control.
 */
export function ExportCheckDialog({
  check,
  classification,
  onExport,
  onBack,
  onRaise,
}: {
  check: BriefCheck;
  classification: Classification;
  onExport: () => void;
  onBack: () => void;
  onRaise: (marking: Classification) => void;
}) {
  const intl = useIntl();
  const dialogRef = useRef<HTMLDivElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  // Escape is Go back; either way focus returns to the Export button that opened it.
  useModalDialog(dialogRef, onBack, backRef);
  const blocking = check.findings.filter((finding) => finding.severity === 'blocking');
  const shown = blocking.length > 0 ? blocking : check.findings.filter((finding) => finding.severity === 'warning');
  const breach = blocking.some((finding) => finding.kind === 'classification');
  const raised = raisedMarking(classification, check.requiredClassification);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="export-check-title" ref={dialogRef}>
        <h2 id="export-check-title">
          {intl.formatMessage({
            id: blocking.length > 0 ? 'integrity.export.blockedTitle' : 'integrity.export.warningsTitle',
          })}
        </h2>
        <ul
          aria-label={intl.formatMessage({
            id: blocking.length > 0 ? 'integrity.export.blockingList' : 'integrity.check.findings',
          })}
        >
          {shown.map((finding, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole each time.
            <li key={i}>{findingText(intl, finding)}</li>
          ))}
        </ul>
        <div className="form-actions">
          <button type="button" ref={backRef} onClick={onBack}>
            {intl.formatMessage({ id: 'integrity.export.back' })}
          </button>
          {breach ? (
            <button type="button" onClick={() => onRaise(raised)}>
              {intl.formatMessage({ id: 'integrity.marking.raise' }, { marking: raised })}
            </button>
          ) : null}
          {blocking.length === 0 ? (
            <button type="button" className="primary" onClick={onExport}>
              {intl.formatMessage({ id: 'integrity.export.anyway' })}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
