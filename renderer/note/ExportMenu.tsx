import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ExportOptions } from '../../shared/contract';
import { toBase64 } from '../api/base64';
import { api } from '../api/client';
import { useLatestAnswer } from '../api/useLatestAnswer';

/**
 * "Export to Word" and what the analyst may choose for it: a Sources list, Admiralty grades in the
 * citations, the author name written into the document's properties (kept in the archive), and
 * the department's Word template (kept in the archive; the default for new briefs too).
 */
export function ExportMenu({
  briefId,
  disabled,
  options,
  onOptionsChange: setOptions,
  onExport,
  onError,
}: {
  briefId: number | null;
  disabled: boolean;
  /** Held by the session: the editor's footnote list follows the grades option. */
  options: ExportOptions;
  onOptionsChange: (options: ExportOptions) => void;
  onExport: (options: ExportOptions) => void;
  onError: (message: string) => void;
}) {
  const intl = useIntl();
  const [author, setAuthor] = useState('');
  // A name typed before the saved one arrives is the analyst's: the late answer must not replace it.
  const authorTyped = useRef(false);
  // Main writes the saved name into the document, and the name is saved when the field loses
  // focus, which a click on Export does: the export waits for that save.
  const authorSaved = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    void api.getSettings({}).then((result) => {
      if (result.ok && !authorTyped.current) setAuthor(result.value.authorName);
    });
  }, []);

  // undefined while loading; null: the built-in style.
  const [template, setTemplate] = useState<string | null | undefined>(undefined);
  // The parent's handler changes identity on every render; the template is read once per brief.
  const reportError = useRef(onError);
  reportError.current = onError;
  // The read, and each choice, answer with the template in force: a read answered after a choice
  // (a loaded machine), or after a switch to another brief, must not put back the older name.
  const latestTemplate = useLatestAnswer();
  const showTemplate = (result: Awaited<ReturnType<typeof api.getWordTemplate>>) => {
    if (result.ok) setTemplate(result.value.name);
    else reportError.current(result.error.message);
  };
  const readTemplate = (id: number) => latestTemplate(api.getWordTemplate({ briefId: id }), showTemplate);
  // A refused choice leaves the template in force, and a read it overtook is asked again.
  const showChoice = (id: number) => (result: Awaited<ReturnType<typeof api.setWordTemplate>>) => {
    if (result.ok) return setTemplate(result.value.name);
    reportError.current(result.error.message);
    void readTemplate(id);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per brief (see reportError).
  useEffect(() => {
    if (briefId !== null) void readTemplate(briefId);
  }, [briefId]);

  const chooseTemplate = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || briefId === null) return;
    const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    await latestTemplate(api.setWordTemplate({ briefId, template: { name: file.name, base64 } }), showChoice(briefId));
  };
  const chooseBuiltInStyle = async () => {
    if (briefId === null) return;
    await latestTemplate(api.setWordTemplate({ briefId, template: null }), showChoice(briefId));
  };

  const saveAuthor = () => {
    authorSaved.current = api.saveSettings({ authorName: author }).then((result) => {
      if (!result.ok) onError(result.error.message);
    });
  };

  return (
    <div className="export-menu">
      <details className="export-options">
        <summary>{intl.formatMessage({ id: 'export.options' })}</summary>
        <div className="export-options-panel">
          <label>
            <input
              type="checkbox"
              checked={options.includeSourceList}
              onChange={(event) => setOptions({ ...options, includeSourceList: event.target.checked })}
            />
            {intl.formatMessage({ id: 'export.sourceList' })}
          </label>
          <label>
            <input
              type="checkbox"
              checked={options.includeGrades}
              onChange={(event) => setOptions({ ...options, includeGrades: event.target.checked })}
            />
            {intl.formatMessage({ id: 'export.grades' })}
          </label>
          <label>
            {intl.formatMessage({ id: 'export.author' })}
            <input
              value={author}
              onChange={(event) => {
                authorTyped.current = true;
                setAuthor(event.target.value);
              }}
              onBlur={saveAuthor}
            />
          </label>
          <label>
            {intl.formatMessage({ id: 'export.template' })}
            <input
              type="file"
              accept=".docx,.dotx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.wordprocessingml.template"
              disabled={briefId === null}
              onChange={(event) => void chooseTemplate(event)}
            />
          </label>
          <p className="export-template" aria-live="polite">
            {template === undefined
              ? ''
              : template === null
                ? intl.formatMessage({ id: 'export.template.builtIn' })
                : intl.formatMessage({ id: 'export.template.named' }, { name: template })}
          </p>
          <button type="button" disabled={!template} onClick={() => void chooseBuiltInStyle()}>
            {intl.formatMessage({ id: 'export.template.useBuiltIn' })}
          </button>
        </div>
      </details>
      <button
        type="button"
        className="primary"
        onClick={() => void authorSaved.current.then(() => onExport(options))}
        disabled={disabled}
      >
        {intl.formatMessage({ id: 'export.button' })}
      </button>
    </div>
  );
}
