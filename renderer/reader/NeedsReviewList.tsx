import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { NEEDS_REVIEW_PAGE } from '../../shared/contract';
import type { SourceSummary } from '../../shared/source';
import { api } from '../api/client';
import { weakFieldNotes } from './weakFields';

/**
 * The sources whose title, date or outlet rests on weak evidence or none, each one step from its
 * details form, newest first. Hidden while there is nothing to check. The window asks for it at
 * start, so it asks for a page and the count, and more only when the analyst asks (an archive of
 * 100,000 generated sources may need review whole: docs/startup.md).
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
  const [total, setTotal] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the signal to reload.
  useEffect(() => {
    let current = true;
    // An import or an edit may move any source in or out: back to the first page.
    void api.listNeedsReview({}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSources(result.value.sources);
        setTotal(result.value.total);
      } else onError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [refreshKey, onError]);

  const showMore = async () => {
    const last = sources.at(-1);
    if (!last) return;
    setLoadingMore(true);
    const result = await api.listNeedsReview({ before: last.id });
    setLoadingMore(false);
    if (!result.ok) {
      onError(result.error.message);
      return;
    }
    // Ids already shown are kept once: a source imported meanwhile only comes with the next reload.
    setSources((shown) => {
      const ids = new Set(shown.map((source) => source.id));
      return [...shown, ...result.value.sources.filter((source) => !ids.has(source.id))];
    });
    setTotal(result.value.total);
  };

  if (sources.length === 0) return null;
  const more = Math.min(NEEDS_REVIEW_PAGE, total - sources.length);
  return (
    <section className="needs-review" aria-labelledby="needs-review-heading">
      <h2 id="needs-review-heading">{intl.formatMessage({ id: 'review.heading' }, { count: total })}</h2>
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
      {more > 0 && (
        <button type="button" className="review-more" disabled={loadingMore} onClick={() => void showMore()}>
          {intl.formatMessage({ id: 'review.more' }, { count: more })}
        </button>
      )}
    </section>
  );
}
