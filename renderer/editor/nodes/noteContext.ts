import { createContext, useContext, useEffect, useState } from 'react';
import type { BriefLanguage } from '../../../shared/briefSchemas';
import type { TextQuoteAnchor } from '../../../shared/excerpt';
import type { Classification, SourceDetail } from '../../../shared/source';
import { api } from '../../api/client';

/** What the note's decorators need from the rest of the app, without importing it. */
export interface NoteContextValue {
  /** Footnote number of each footnote-bearing node, by node key; kept current by FootnotesPlugin. */
  footnoteNumbers: ReadonlyMap<string, number>;
  /** Opens the source in the reader with the passage highlighted and scrolled into view. */
  showPassage: (sourceId: number, anchor: TextQuoteAnchor | null) => void;
  /** The brief's marking and language, which the title block shows. */
  classification: Classification;
  language: BriefLanguage;
}

export const NoteContext = createContext<NoteContextValue>({
  footnoteNumbers: new Map(),
  showPassage: () => {},
  classification: 'UNCLASSIFIED',
  language: 'en',
});

export const useNoteContext = () => useContext(NoteContext);

const sources = new Map<number, Promise<SourceDetail | null>>();

/** Source texts for the quote-integrity check, fetched once per session. */
export function fetchSource(sourceId: number): Promise<SourceDetail | null> {
  let pending = sources.get(sourceId);
  if (!pending) {
    pending = api.getSource({ id: sourceId }).then((result) => (result.ok ? result.value : null));
    sources.set(sourceId, pending);
  }
  return pending;
}

/** The source of an excerpt once loaded: undefined while loading, null if it is gone from the archive. */
export function useSource(sourceId: number): SourceDetail | null | undefined {
  const [source, setSource] = useState<SourceDetail | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void fetchSource(sourceId).then((loaded) => {
      if (current) setSource(loaded);
    });
    return () => {
      current = false;
    };
  }, [sourceId]);
  return source;
}
