import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SourceSummary } from '../../shared/source';
import { api } from '../api/client';
import { weakFieldNotes } from './weakFields';

/**
 * The sources whose title, date or outlet rests on weak evidence or none, each one step from its
 * details form. Hidden while there is nothing to check.
 */
export function NeedsReviewList({
  refreshKey,
  onEdit,
  onError,
}: {
  /** Changes whenever sources are imported or edited. */
  refreshKey: string;
  onEdit: (id: number) => void;
  onError: (message: string) => void;
}) {
  const intl = useIntl();
  const [sources, setSources] = useState<SourceSummary[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the signal to reload.
  useEffect(() => {
    let current = true;
    void api.listNeedsReview({}).then((result) => {
      if (!current) return;
      if (result.ok) setSources(result.value);
      else onError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [refreshKey, onError]);

  if (sources.length === 0) return null;
  return (
    <section className="needs-review" aria-labelledby="needs-review-heading">
      <h2 id="needs-review-heading">{intl.formatMessage({ id: 'review.heading' }, { count: sources.length })}</h2>
      <ul className="review-list" aria-label={intl.formatMessage({ id: 'review.list' })}>
        {sources.map((source) => (
          <li key={source.id}>
            <span className="review-title">{source.title}</span>
            <span className="review-why">
              {weakFieldNotes(intl, source)
                .map((note) => note.text)
                .join('; ')}
            </span>
            <button
              type="button"
              aria-label={intl.formatMessage({ id: 'review.edit.label' }, { title: source.title })}
              onClick={() => onEdit(source.id)}
            >
              {intl.formatMessage({ id: 'review.edit' })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
