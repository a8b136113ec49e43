import { type FormEvent, useState } from 'react';
import { useIntl } from 'react-intl';
import { CLASSIFICATIONS, type SourceDetail, type SourceEdit } from '../../shared/source';
import { api } from '../api/client';
import { markingLabel } from '../i18n/marking';

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
  const intl = useIntl();
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
    <form
      className="source-form"
      aria-label={intl.formatMessage({ id: 'details.form' })}
      onSubmit={(event) => void submit(event)}
    >
      <label>
        {intl.formatMessage({ id: 'field.title' })}
        <input name="title" defaultValue={source.title} required />
      </label>
      <label>
        {intl.formatMessage({ id: 'field.outlet' })}
        <input name="outlet" defaultValue={source.outlet ?? ''} />
      </label>
      <label>
        {intl.formatMessage({ id: 'field.author' })}
        <input name="author" defaultValue={source.author ?? ''} />
      </label>
      <label>
        {intl.formatMessage({ id: 'field.publishedAt' })}
        <input name="publishedAt" type="date" defaultValue={source.publishedAt ?? ''} />
      </label>
      <label>
        {intl.formatMessage({ id: 'field.url' })}
        <input name="url" type="url" defaultValue={source.url ?? ''} />
      </label>
      <label>
        {intl.formatMessage({ id: 'field.language' })}
        <input
          name="language"
          defaultValue={source.language ?? ''}
          placeholder={intl.formatMessage({ id: 'details.language.placeholder' })}
        />
      </label>
      <label>
        {intl.formatMessage({ id: 'details.reliability' })}
        <select name="reliability" defaultValue={source.reliability ?? ''}>
          <option value="">{intl.formatMessage({ id: 'details.notGraded' })}</option>
          {RELIABILITY.map((grade) => (
            <option key={grade}>{grade}</option>
          ))}
        </select>
      </label>
      <label>
        {intl.formatMessage({ id: 'details.credibility' })}
        <select name="credibility" defaultValue={source.credibility?.toString() ?? ''}>
          <option value="">{intl.formatMessage({ id: 'details.notGraded' })}</option>
          {CREDIBILITY.map((grade) => (
            <option key={grade}>{grade}</option>
          ))}
        </select>
      </label>
      <label>
        {intl.formatMessage({ id: 'details.classification' })}
        <select name="classification" defaultValue={source.classification}>
          {CLASSIFICATIONS.map((marking) => (
            <option key={marking} value={marking}>
              {markingLabel(intl, marking)}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        {intl.formatMessage({ id: 'details.tags' })}
        <input name="tags" defaultValue={source.tags.join(', ')} />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary">
          {intl.formatMessage({ id: 'details.save' })}
        </button>
        <button type="button" onClick={onCancel}>
          {intl.formatMessage({ id: 'details.cancel' })}
        </button>
      </div>
    </form>
  );
}
