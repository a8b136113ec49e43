import { useState } from 'react';
import { useIntl } from 'react-intl';
import { api } from '../api/client';
import { downloadText } from '../exportDownload';

const FORMATS = [
  { value: 'csl-json', label: 'CSL-JSON (Zotero, pandoc)' },
  { value: 'ris', label: 'RIS' },
  { value: 'bibtex', label: 'BibTeX' },
] as const;
type Format = (typeof FORMATS)[number]['value'];

/**
 * The metadata of the given sources as a file a reference manager (Zotero) imports: the sources
 * ticked in the results when there are any (selectedCount), otherwise the results listed.
 */
export function ExportReferences({
  ids,
  selectedCount,
  onClearSelection,
}: {
  ids: number[];
  selectedCount: number;
  onClearSelection: () => void;
}) {
  const intl = useIntl();
  const [format, setFormat] = useState<Format>('csl-json');
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const result = await api.exportSourceMetadata({ format, ids });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    downloadText(result.value.text, result.value.fileName, result.value.mimeType);
  };
  if (ids.length === 0) return null;
  return (
    <div className="export-references">
      <select
        aria-label={intl.formatMessage({ id: 'references.format' })}
        value={format}
        onChange={(e) => setFormat(e.target.value as Format)}
      >
        {FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => void run()}
        title={intl.formatMessage({
          id: selectedCount > 0 ? 'references.export.selectedTitle' : 'references.export.title',
        })}
      >
        {intl.formatMessage({ id: 'references.export' })}
      </button>
      {selectedCount > 0 ? (
        <>
          <span role="status">{intl.formatMessage({ id: 'references.selected' }, { count: selectedCount })}</span>
          <button type="button" className="link" onClick={onClearSelection}>
            {intl.formatMessage({ id: 'references.clearSelection' })}
          </button>
        </>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
