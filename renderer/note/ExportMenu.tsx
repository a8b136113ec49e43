import { useEffect, useState } from 'react';
import type { ExportOptions } from '../../shared/contract';
import { api } from '../api/client';

/**
 * "Export to Word" and what the analyst may choose for it: a Sources list, Admiralty grades in the
 * citations, and the author name written into the document's properties (kept in the archive).
 */
export function ExportMenu({
  disabled,
  onExport,
  onError,
}: {
  disabled: boolean;
  onExport: (options: ExportOptions) => void;
  onError: (message: string) => void;
}) {
  const [options, setOptions] = useState<ExportOptions>({ includeSourceList: false, includeGrades: false });
  const [author, setAuthor] = useState('');

  useEffect(() => {
    void api.getSettings({}).then((result) => {
      if (result.ok) setAuthor(result.value.authorName);
    });
  }, []);

  const saveAuthor = async () => {
    const result = await api.saveSettings({ authorName: author });
    if (!result.ok) onError(result.error.message);
  };

  return (
    <div className="export-menu">
      <details className="export-options">
        <summary>Export options</summary>
        <div className="export-options-panel">
          <label>
            <input
              type="checkbox"
              checked={options.includeSourceList}
              onChange={(event) => setOptions({ ...options, includeSourceList: event.target.checked })}
            />
            Add a Sources list
          </label>
          <label>
            <input
              type="checkbox"
              checked={options.includeGrades}
              onChange={(event) => setOptions({ ...options, includeGrades: event.target.checked })}
            />
            Add Admiralty grades to citations
          </label>
          <label>
            Author name
            <input
              value={author}
              onChange={(event) => setAuthor(event.target.value)}
              onBlur={() => void saveAuthor()}
            />
          </label>
        </div>
      </details>
      <button type="button" className="primary" onClick={() => onExport(options)} disabled={disabled}>
        Export to Word
      </button>
    </div>
  );
}
