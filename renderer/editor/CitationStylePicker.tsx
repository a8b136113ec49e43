import { type ChangeEvent, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { BUILTIN_CITATION_STYLES, citationStyleLabel, isBuiltinStyle } from '../../shared/csl/citationStyles';
import { api } from '../api/client';

const CUSTOM = 'custom';

/**
 * The brief's citation style: Chicago or APA, or a CSL style file the analyst adds. The choice is
 * stored with the brief (main checks an added style with citeproc before keeping it) and becomes
 * the default for new briefs.
 */
export function CitationStylePicker({
  briefId,
  style,
  onChange,
}: {
  briefId: number;
  style: string;
  onChange: (style: string) => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInputId = useId();

  const choose = async (next: string) => {
    setBusy(true);
    const result = await api.setCitationStyle({ briefId, style: next });
    setBusy(false);
    if (result.ok) {
      setError(null);
      onChange(result.value.citationStyle);
    } else {
      setError(result.error.message);
    }
  };

  const addFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    await choose(await file.text());
  };

  return (
    <div className="citation-style">
      <label>
        {intl.formatMessage({ id: 'citationStyle.label' })}{' '}
        <select
          value={isBuiltinStyle(style) ? style : CUSTOM}
          disabled={busy}
          onChange={(event) => {
            if (event.target.value !== CUSTOM) void choose(event.target.value);
          }}
        >
          {BUILTIN_CITATION_STYLES.map((builtin) => (
            <option key={builtin.id} value={builtin.id}>
              {builtin.label}
            </option>
          ))}
          {isBuiltinStyle(style) ? null : <option value={CUSTOM}>{citationStyleLabel(style)}</option>}
        </select>
      </label>
      <label htmlFor={fileInputId} className="citation-style-file">
        {intl.formatMessage({ id: 'citationStyle.addFile' })}
      </label>
      <input
        id={fileInputId}
        type="file"
        accept=".csl,.xml"
        disabled={busy}
        onChange={(event) => void addFile(event)}
      />
      {error ? (
        <p className="citation-style-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
