import { type ChangeEvent, useRef, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { ImportItemOutcome } from '../../shared/contract';
import { toBase64 } from '../api/base64';
import { api } from '../api/client';
import { currentIntl } from '../i18n/currentIntl';
import { mainText } from '../i18n/mainText';

interface ItemResult {
  name: string;
  outcome: ImportItemOutcome;
}

function describe(intl: IntlShape, { name, outcome }: ItemResult): string {
  if (outcome.kind === 'imported') {
    return intl.formatMessage({ id: 'import.item.imported' }, { name, title: outcome.title });
  }
  if (outcome.kind === 'duplicate') {
    return intl.formatMessage({ id: 'import.item.duplicate' }, { name, source: outcome.duplicateOf });
  }
  if (outcome.kind === 'references') {
    const { created, updated, unchanged, failed } = outcome;
    return intl.formatMessage(
      { id: 'import.item.references' },
      {
        name,
        created: created.length,
        updated: updated.length,
        unchanged: unchanged.length,
        failed: failed.length,
      },
    );
  }
  return intl.formatMessage(
    { id: 'import.item.failed' },
    { name, error: mainText(intl, outcome.error, outcome.errorText && [outcome.errorText]) },
  );
}

/** A file's part in the totals: a reference library counts each of its entries. */
function countOf(outcome: ImportItemOutcome) {
  if (outcome.kind === 'references') {
    const { created, updated, unchanged, failed } = outcome;
    return { imported: created.length, completed: updated.length, there: unchanged.length, failed: failed.length };
  }
  return {
    imported: outcome.kind === 'imported' ? 1 : 0,
    completed: 0,
    there: outcome.kind === 'duplicate' ? 1 : 0,
    failed: outcome.kind === 'failed' ? 1 : 0,
  };
}

/** How often the panel asks what the file being read is at ("OCR page 3 of 12"). */
const PROGRESS_POLL_MS = 500;

/**
 * Shows progress within a file while its import is pending: a scanned PDF is read by OCR page by
 * page, which takes seconds a page. The contract has no push channel, so the panel polls. An
 * answer can come back after the file's own (separate requests; a loaded machine): it is dropped,
 * or it would put "Importing…" back over the totals for good. Answers can also cross each other:
 * only one newer than the last shown is shown.
 */
async function withinFileProgress<T>(pending: Promise<T>, show: (message: string | null) => void): Promise<T> {
  let settled = false;
  let asked = 0;
  let shown = 0;
  const timer = setInterval(() => {
    const question = ++asked;
    void api.importProgress({}).then((result) => {
      if (settled || question < shown || !result.ok) return;
      shown = question;
      show(mainText(currentIntl(), result.value.message, result.value.text && [result.value.text]));
    });
  }, PROGRESS_POLL_MS);
  try {
    return await pending;
  } finally {
    settled = true;
    clearInterval(timer);
  }
}

/**
 * Imports files or a whole folder picked by the analyst, one file per call so progress can be
 * shown and one bad file never stops the rest.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const intl = useIntl();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [results, setResults] = useState<ItemResult[]>([]);

  const importAll = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []).filter((file) => !file.name.startsWith('.'));
    event.target.value = '';
    if (files.length === 0) return;
    const done: ItemResult[] = [];
    for (const [index, file] of files.entries()) {
      const name = file.webkitRelativePath || file.name;
      const label = intl.formatMessage({ id: 'import.progress' }, { index: index + 1, count: files.length, name });
      setProgress(label);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await withinFileProgress(api.importFile({ name, base64: toBase64(bytes) }), (message) =>
        setProgress(
          message ? intl.formatMessage({ id: 'import.progress.within' }, { progress: label, detail: message }) : label,
        ),
      );
      done.push({ name, outcome: result.ok ? result.value : { kind: 'failed', error: result.error.message } });
    }
    const counts = done.map(({ outcome }) => countOf(outcome));
    const total = (key: keyof ReturnType<typeof countOf>) => counts.reduce((sum, c) => sum + c[key], 0);
    setProgress(
      intl.formatMessage(
        { id: 'import.totals' },
        {
          imported: total('imported'),
          completed: total('completed'),
          there: total('there'),
          failed: total('failed'),
        },
      ),
    );
    setResults(done);
    onImported();
  };

  return (
    <div className="import-panel">
      <button type="button" onClick={() => filesRef.current?.click()}>
        {intl.formatMessage({ id: 'import.files' })}
      </button>
      <button type="button" onClick={() => folderRef.current?.click()}>
        {intl.formatMessage({ id: 'import.folder' })}
      </button>
      <input
        ref={filesRef}
        type="file"
        multiple
        hidden
        onChange={(event) => void importAll(event)}
        aria-label={intl.formatMessage({ id: 'import.files.label' })}
      />
      <input
        ref={folderRef}
        type="file"
        hidden
        onChange={(event) => void importAll(event)}
        aria-label={intl.formatMessage({ id: 'import.folder.label' })}
        {...{ webkitdirectory: '' }}
      />
      {progress ? (
        <p className="import-progress" aria-live="polite">
          {progress}
        </p>
      ) : null}
      {results.length > 0 ? (
        <details className="import-results">
          <summary>{intl.formatMessage({ id: 'import.details' })}</summary>
          <ul aria-label={intl.formatMessage({ id: 'import.results' })}>
            {results.map((result) => (
              <li key={result.name} className={result.outcome.kind}>
                {describe(intl, result)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
