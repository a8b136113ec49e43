import type { CitationFields } from '../../../shared/source';

/** One source of each kind a briefing note cites. */
export const SOURCES = {
  article: {
    title: 'Housing starts fall to lowest level in three years',
    outlet: 'The Globe and Mail',
    author: 'Jane Tremblay',
    publishedAt: '2025-02-05',
    url: 'https://example.ca/housing',
  },
  report: {
    title: 'Rental Market Report: Fall 2024',
    outlet: 'Canada Mortgage and Housing Corporation',
    author: null,
    publishedAt: '2025-01-31',
    url: null,
  },
  // Neither author nor date: still a well-formed note ("n.d.", « s. d. »).
  web: {
    title: 'Arctic sovereignty explained',
    outlet: null,
    author: null,
    publishedAt: null,
    url: 'https://example.org/arctic',
  },
  release: {
    title: 'News release: Minister announces new housing funding',
    outlet: 'Finance Canada',
    author: null,
    publishedAt: '2025-03-01',
    url: 'https://canada.ca/release',
  },
  transcript: {
    title: 'Transcript of the Prime Minister’s remarks in Iqaluit',
    outlet: 'Prime Minister’s Office',
    author: null,
    publishedAt: '2025-03-10',
    url: null,
  },
  personal: {
    title: 'Email to the author',
    outlet: null,
    author: 'Marie Lavoie',
    publishedAt: '2025-03-12',
    url: null,
  },
} satisfies Record<string, CitationFields>;
