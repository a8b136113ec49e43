import { type FormEvent, useState } from 'react';
import { CLASSIFICATIONS, type SourceDetail, type SourceEdit } from '../../shared/source';
import { api } from '../api/client';

const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

const orNull = (value: FormDataEntryValue | null): string | null => {
  const text = String(value ?? '').trim();
  return text === '' ? null : text;
};

/** The analyst's corrections and assessment of a source: metadata, Admiralty grades, marking, tags. */
export function SourceDetailsForm({
  source,
  onSaved,
  onCancel,
}: {
  source: SourceDetail;
  onSaved: (source: SourceDetail) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reliability = orNull(form.get('reliability'));
    const credibility = orNull(form.get('credibility'));
    const edit: SourceEdit = {
      title: String(form.get('title') ?? '').trim() || source.title,
      outlet: orNull(form.get('outlet')),
      author: orNull(form.get('author')),
      publishedAt: orNull(form.get('publishedAt')),
      url: orNull(form.get('url')),
      language: orNull(form.get('language')),
      reliability: reliability as SourceEdit['reliability'],
      credibility: credibility === null ? null : Number(credibility),
      classification: String(form.get('classification')) as SourceEdit['classification'],
      tags: String(form.get('tags') ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    };
    const result = await api.updateSource({ id: source.id, edit });
    if (result.ok) onSaved(result.value);
    else setError(result.error.message);
  };

  return (
    <form className="source-form" aria-label="Source details" onSubmit={(event) => void submit(event)}>
      <label>
        Title
        <input name="title" defaultValue={source.title} required />
      </label>
      <label>
        Outlet
        <input name="outlet" defaultValue={source.outlet ?? ''} />
      </label>
      <label>
        Author
        <input name="author" defaultValue={source.author ?? ''} />
      </label>
      <label>
        Date
        <input name="publishedAt" type="date" defaultValue={source.publishedAt ?? ''} />
      </label>
      <label>
        URL
        <input name="url" type="url" defaultValue={source.url ?? ''} />
      </label>
      <label>
        Language
        <input name="language" defaultValue={source.language ?? ''} placeholder="en, fr…" />
      </label>
      <label>
        Reliability
        <select name="reliability" defaultValue={source.reliability ?? ''}>
          <option value="">Not graded</option>
          {RELIABILITY.map((grade) => (
            <option key={grade}>{grade}</option>
          ))}
        </select>
      </label>
      <label>
        Credibility
        <select name="credibility" defaultValue={source.credibility?.toString() ?? ''}>
          <option value="">Not graded</option>
          {CREDIBILITY.map((grade) => (
            <option key={grade}>{grade}</option>
          ))}
        </select>
      </label>
      <label>
        Classification
        <select name="classification" defaultValue={source.classification}>
          {CLASSIFICATIONS.map((marking) => (
            <option key={marking}>{marking}</option>
          ))}
        </select>
      </label>
      <label className="wide">
        Tags (comma-separated)
        <input name="tags" defaultValue={source.tags.join(', ')} />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save details
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
