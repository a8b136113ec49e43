import { createContext, useContext } from 'react';
import type { BriefLanguage } from '../../../shared/briefSchemas';
import type { TextQuoteAnchor } from '../../../shared/excerpt';
import type { Classification, SourceDetail } from '../../../shared/source';
import { api } from '../../api/client';

/** What the note's decorators need from the rest of the app, without importing it. */
export interface NoteContextValue {
  /** Opens the source in the reader with the passage highlighted and scrolled into view. */
  showPassage: (sourceId: number, anchor: TextQuoteAnchor | null) => void;
  /** The brief's marking and language, which the title block shows. */
  classification: Classification;
  language: BriefLanguage;
}

export const NoteContext = createContext<NoteContextValue>({
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
