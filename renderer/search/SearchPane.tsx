import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SearchHit, SearchResponse } from '../../shared/contract';
import { api } from '../api/client';
import { mainText } from '../i18n/mainText';
import { shownDate } from '../i18n/sourceDate';
import { AlsoSpelled } from '../integrity/AlsoSpelled';
import { ExportReferences } from './ExportReferences';
import { queryChips, withFilter, withoutChip } from './queryChips';

const PAGE = 20;
type Sort = 'relevance' | 'date';

/** Arrow keys move between results (and back to the search box); Enter opens the focused one. */
function moveFocus(list: HTMLElement | null, from: Element | null, step: 1 | -1, input: HTMLInputElement | null) {
  const buttons = Array.from(list?.querySelectorAll<HTMLButtonElement>('button.result') ?? []);
  const index = buttons.indexOf(from as HTMLButtonElement);
  const next = index === -1 ? (step === 1 ? 0 : -1) : index + step;
  if (next < 0) input?.focus();
  else buttons[Math.min(next, buttons.length - 1)]?.focus();
}

export function SearchPane({
  onOpen,
  onError,
  onTerms,
  refreshKey,
}: {
  /** Changes when the archive changes (an import), so the current search runs again. */
  refreshKey: number;
  onOpen: (id: number) => void;
  onError: (message: string) => void;
  onTerms: (terms: string[]) => void;
}) {
  const intl = useIntl();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('relevance');
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [results, setResults] = useState<SearchHit[]>([]);
  // Sources ticked for reference export, kept across searches (an analyst gathers them from several).
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const toggleSelected = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is there to run the search again after an import.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await api.search({ query, limit: PAGE, offset: 0, sort });
      if (!current) return;
      if (!result.ok) return onError(result.error.message);
      setResponse(result.value);
      setResults(result.value.results);
      onTerms(result.value.terms);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, sort, onError, onTerms, refreshKey]);

  const loadMore = async () => {
    const result = await api.search({ query, limit: PAGE, offset: results.length, sort });
    if (result.ok) setResults([...results, ...result.value.results]);
    else onError(result.error.message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const from = event.target === inputRef.current ? null : document.activeElement;
    moveFocus(listRef.current, from, event.key === 'ArrowDown' ? 1 : -1, inputRef.current);
  };

  const chips = queryChips(query);
  return (
    <section
      className="pane search"
      aria-label={intl.formatMessage({ id: 'search.region.label' })}
      onKeyDown={onKeyDown}
    >
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        aria-label={intl.formatMessage({ id: 'search.box.label' })}
        placeholder={intl.formatMessage({ id: 'search.box.placeholder' })}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="search-tools">
        {chips.length > 0 ? (
          <ul className="chips" aria-label={intl.formatMessage({ id: 'search.filters.label' })}>
            {chips.map((chip) => (
              <li key={chip.start} className="chip">
                {chip.label}
                <button
                  type="button"
                  aria-label={intl.formatMessage({ id: 'search.filters.remove' }, { filter: chip.label })}
                  onClick={() => setQuery(withoutChip(query, chip))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <label className="sort">
          {intl.formatMessage({ id: 'search.sort.label' })}{' '}
          <select value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
            <option value="relevance">{intl.formatMessage({ id: 'search.sort.relevance' })}</option>
            <option value="date">{intl.formatMessage({ id: 'search.sort.date' })}</option>
          </select>
        </label>
      </div>
      {response?.notice ? (
        <p className="notice" aria-live="polite">
          {mainText(intl, response.notice, response.notices)}
        </p>
      ) : null}
      {response && response.suggestions.length > 0 ? (
        <p className="suggestions">
          <FormattedMessage
            id="search.suggestions"
            values={{
              suggestions: response.suggestions.map((suggestion) => (
                <button key={suggestion} type="button" className="link" onClick={() => setQuery(suggestion)}>
                  {suggestion}
                </button>
              )),
            }}
          />
        </p>
      ) : null}
      <AlsoSpelled query={query} onSearch={setQuery} />
      {response && query.trim() ? (
        <p className="result-count">
          {intl.formatMessage(
            { id: 'search.count' },
            { estimate: response.totalIsEstimate ? 'yes' : 'no', total: response.total },
          )}
        </p>
      ) : null}
      <ul className="results" aria-label={intl.formatMessage({ id: 'search.results.label' })} ref={listRef}>
        {results.map((hit) => (
          <li key={hit.id} className="result-item">
            <button type="button" className="result" onClick={() => onOpen(hit.id)}>
              <span className="result-title">{hit.title}</span>
              <span className="result-meta">
                {[hit.outlet, shownDate(intl, hit)].filter(Boolean).join(' · ')}
                {hit.clusterSize && hit.clusterSize > 1 ? (
                  <span className="badge">
                    {intl.formatMessage({ id: 'search.result.versions' }, { count: hit.clusterSize })}
                  </span>
                ) : null}
              </span>
              <span className="snippet">
                {hit.snippet.map((part, i) =>
                  // biome-ignore lint/suspicious/noArrayIndexKey: snippet parts have no identity beyond their position.
                  part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </button>
            <input
              type="checkbox"
              className="select-result"
              checked={selected.has(hit.id)}
              onChange={(event) => toggleSelected(hit.id, event.target.checked)}
              aria-label={intl.formatMessage({ id: 'references.select' }, { title: hit.title })}
            />
            {hit.outlet || hit.clusterSize > 1 ? (
              <span className="result-links">
                {hit.outlet ? (
                  <button
                    type="button"
                    className="link filter-link"
                    onClick={() => setQuery(withFilter(query, 'outlet', hit.outlet ?? ''))}
                  >
                    {intl.formatMessage({ id: 'search.result.onlyOutlet' }, { outlet: hit.outlet })}
                  </button>
                ) : null}
                {hit.clusterSize > 1 ? (
                  <button
                    type="button"
                    className="link filter-link"
                    onClick={() => setQuery(`cluster:${hit.clusterId}`)}
                  >
                    {intl.formatMessage({ id: 'search.result.allVersions' }, { count: hit.clusterSize })}
                  </button>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <ExportReferences
        ids={selected.size > 0 ? [...selected] : results.map((hit) => hit.id)}
        selectedCount={selected.size}
        onClearSelection={() => setSelected(new Set())}
      />
      {response && results.length < Math.min(response.total, response.rankedAmong ?? response.total) ? (
        <button type="button" onClick={() => void loadMore()}>
          {intl.formatMessage({ id: 'search.more' })}
        </button>
      ) : null}
    </section>
  );
}
