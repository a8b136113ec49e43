import { emptyBriefState, type SerializedBriefState, type SerializedNode } from './briefDocument';
import type { BriefLanguage, BriefTemplateId } from './briefSchemas';
import { titleBlockNode } from './titleBlock';

/**
 * The content a new brief starts from. Every node is written as Lexical 0.52 serializes it
 * (editorState.toJSON()), field for field, so the editor opens it without normalising anything
 * and the first autosave stores the same JSON back.
 */
export interface BriefTemplate {
  title: string;
  language: BriefLanguage;
  content: SerializedBriefState;
}

// The sections of the usual Canadian ministerial briefing note, in their usual order.
const SECTIONS: Record<BriefLanguage, readonly string[]> = {
  en: ['Purpose', 'Background', 'Current Status', 'Considerations', 'Recommendation(s)'],
  fr: ['Objet', 'Contexte', 'Situation actuelle', 'Considérations', 'Recommandation(s)'],
};

// The sign-off at the foot of a note: who drafted it and who approved it for the minister.
const SIGN_OFF: Record<BriefLanguage, readonly string[]> = {
  en: ['Prepared by: ', 'Approved by: '],
  // French typography: a no-break space before the colon.
  fr: ['Préparé par\u00a0: ', 'Approuvé par\u00a0: '],
};

const TITLES = { 'briefing-note-en': 'Briefing note', 'briefing-note-fr': 'Note de breffage', blank: 'Untitled brief' };

/** The default title of a new brief made from `id`. */
export function templateTitle(id: BriefTemplateId): string {
  return TITLES[id];
}

/** Builds a new brief's content; `today` (YYYY-MM-DD, the analyst's local date) fills the title block's date. */
export function briefTemplate(id: BriefTemplateId, today: string): BriefTemplate {
  const title = templateTitle(id);
  if (id === 'blank') return { title, language: 'en', content: emptyBriefState() };
  const language: BriefLanguage = id === 'briefing-note-fr' ? 'fr' : 'en';
  const sections = SECTIONS[language].flatMap((section) => [headingNode('h2', section), paragraphNode()]);
  const signOff = SIGN_OFF[language].map((line) => paragraphNode([textNode(line)]));
  return { title, language, content: rootOf([titleBlockNode({ date: today }), ...sections, ...signOff]) };
}

// Lexical writes `direction: null` for a block whose direction the DOM has not decided yet; it
// sets 'ltr' itself once the text is laid out.
const BLOCK_FIELDS = { direction: null, format: '', indent: 0, version: 1 } as const;

/** Brief content made of `children` (also for tests that store a brief). */
export function rootOf(children: SerializedNode[]): SerializedBriefState {
  return { root: { type: 'root', ...BLOCK_FIELDS, children } };
}

export function paragraphNode(children: SerializedNode[] = []): SerializedNode {
  return { type: 'paragraph', ...BLOCK_FIELDS, textFormat: 0, textStyle: '', children };
}

export function headingNode(tag: 'h1' | 'h2' | 'h3', text: string): SerializedNode {
  return { type: 'heading', ...BLOCK_FIELDS, tag, children: [textNode(text)] };
}

export function textNode(text: string): SerializedNode {
  return { type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text };
}
