import { useEffect, useState } from 'react';
import type { SearchResponse } from '../../shared/contract';
import { api } from '../api/client';

export function SearchPane({ onOpen, onError }: { onOpen: (id: number) => void; onError: (message: string) => void }) {
  const [query, setQuery] = useState('');
  const [response, setResponse] = useState<SearchResponse | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await api.search({ query, limit: 50 });
      if (!current) return;
      if (result.ok) setResponse(result.value);
      else onError(result.error.message);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, onError]);

  return (
    <section className="pane search" aria-label="Search">
      <input
        type="search"
        className="search-input"
        aria-label="Search sources"
        placeholder="Search sources — words, “phrases”, prefix*"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {response?.notice ? <p className="notice">{response.notice}</p> : null}
      {response && query.trim() ? (
        <p className="result-count">
          {response.total} result{response.total === 1 ? '' : 's'}
        </p>
      ) : null}
      <ul className="results" aria-label="Search results">
        {response?.results.map((hit) => (
          <li key={hit.id}>
            <button type="button" className="result" onClick={() => onOpen(hit.id)}>
              <span className="result-title">{hit.title}</span>
              <span className="result-meta">{[hit.outlet, hit.publishedAt].filter(Boolean).join(' · ')}</span>
              <span className="snippet">
                {hit.snippet.map((part, i) =>
                  // biome-ignore lint/suspicious/noArrayIndexKey: snippet parts have no identity beyond their position.
                  part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
