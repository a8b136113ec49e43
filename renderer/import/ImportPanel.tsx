import { type ChangeEvent, useRef, useState } from 'react';
import type { ImportItemOutcome } from '../../shared/contract';
import { api } from '../api/client';

interface ItemResult {
  name: string;
  outcome: ImportItemOutcome;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function describe({ name, outcome }: ItemResult): string {
  if (outcome.kind === 'imported') return `${name}: imported as “${outcome.title}”`;
  if (outcome.kind === 'duplicate') return `${name}: already in the archive (source ${outcome.duplicateOf})`;
  return `${name}: ${outcome.error}`;
}

/** How often the panel asks what the file being read is at ("OCR page 3 of 12"). */
const PROGRESS_POLL_MS = 500;

/**
 * Shows progress within a file while its import is pending: a scanned PDF is read by OCR page by
 * page, which takes seconds a page. The contract has no push channel, so the panel polls.
 */
async function withinFileProgress<T>(pending: Promise<T>, show: (message: string | null) => void): Promise<T> {
  const timer = setInterval(() => {
    void api.importProgress({}).then((result) => {
      if (result.ok) show(result.value.message);
    });
  }, PROGRESS_POLL_MS);
  try {
    return await pending;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Imports files or a whole folder picked by the analyst, one file per call so progress can be
 * shown and one bad file never stops the rest.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
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
      const label = `Importing ${index + 1} of ${files.length}: ${name}`;
      setProgress(label);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await withinFileProgress(api.importFile({ name, base64: toBase64(bytes) }), (message) =>
        setProgress(message ? `${label} (${message})` : label),
      );
      done.push({ name, outcome: result.ok ? result.value : { kind: 'failed', error: result.error.message } });
    }
    const imported = done.filter((r) => r.outcome.kind === 'imported').length;
    const failed = done.filter((r) => r.outcome.kind === 'failed').length;
    setProgress(`${imported} imported, ${done.length - imported - failed} already there, ${failed} failed.`);
    setResults(done);
    onImported();
  };

  return (
    <div className="import-panel">
      <button type="button" onClick={() => filesRef.current?.click()}>
        Import files
      </button>
      <button type="button" onClick={() => folderRef.current?.click()}>
        Import folder
      </button>
      <input
        ref={filesRef}
        type="file"
        multiple
        hidden
        onChange={(event) => void importAll(event)}
        aria-label="Files to import"
      />
      <input
        ref={folderRef}
        type="file"
        hidden
        onChange={(event) => void importAll(event)}
        aria-label="Folder to import"
        {...{ webkitdirectory: '' }}
      />
      {progress ? (
        <p className="import-progress" aria-live="polite">
          {progress}
        </p>
      ) : null}
      {results.length > 0 ? (
        <details className="import-results">
          <summary>Details</summary>
          <ul aria-label="Import results">
            {results.map((result) => (
              <li key={result.name} className={result.outcome.kind}>
                {describe(result)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
