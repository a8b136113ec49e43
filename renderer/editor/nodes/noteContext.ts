import { createContext, useContext } from 'react';
import type { BriefLanguage } from '../../../shared/briefSchemas';
import type { TextQuoteAnchor } from '../../../shared/excerpt';
import type { Classification } from '../../../shared/source';

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
