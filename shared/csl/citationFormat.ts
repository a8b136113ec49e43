import CSL from 'citeproc';
import type { CitationFields } from '../source';
import { citationStyleXml, DEFAULT_CITATION_STYLE, isBuiltinStyle } from './citationStyles';
import { type CslItem, snapshotId, toCslItem } from './cslItem';
import { PARSED_CSL } from './vendor/parsed';

/** A stretch of a formatted citation with one look; Word gets the same runs as the editor. */
export interface CitationRun {
  text: string;
  italic?: true;
  bold?: true;
  smallCaps?: true;
  superscript?: true;
  subscript?: true;
}
export interface FormattedCitation {
  /** The citation as plain text (what a reader who ignores italics reads). */
  text: string;
  runs: CitationRun[];
}
export type NoteLanguage = 'en' | 'fr';
export type CitationPosition = 'first' | 'subsequent';

// The CSL locale of each note language. There is no en-CA locale upstream; en-US's terms and
// dates ("February 5, 2025") are those of Canadian English.
const LOCALE: Record<NoteLanguage, string> = { en: 'en-CA', fr: 'fr-CA' };
// citeproc takes a style or locale as XML or as its own JSON form (a string not starting with "<"),
// which it reads about three times faster: the vendored files are pre-parsed (tooling/cslJson.mjs).
const retrieveLocale = (lang: string): string => PARSED_CSL[lang.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en-US']!;

// Citeproc's output format for us: plain text with private-use marks around styled stretches,
// which readRuns turns into runs. Marks never come from a source: toCslItem strips them.
const MARKS = {
  italic: ['\uE000', '\uE001'],
  roman: ['\uE002', '\uE003'],
  bold: ['\uE004', '\uE005'],
  smallCaps: ['\uE006', '\uE007'],
  superscript: ['\uE008', '\uE009'],
  subscript: ['\uE00A', '\uE00B'],
} as const;
const FORMAT = 'precis-runs';
const wrap = ([open, close]: readonly [string, string]) => `${open}%%STRING%%${close}`;
// Registered when the first engine is built, not at module load: the renderer loads citeproc
// itself only after the note's first paint (renderer/editor/lazyCiteproc.ts).
function registerFormat(): void {
  const formats = CSL.Output.Formats;
  formats[FORMAT] ??= {
    ...formats.text,
    '@font-style/italic': wrap(MARKS.italic),
    '@font-style/oblique': wrap(MARKS.italic),
    '@font-style/normal': wrap(MARKS.roman),
    '@font-weight/bold': wrap(MARKS.bold),
    '@font-variant/small-caps': wrap(MARKS.smallCaps),
    '@vertical-align/sup': wrap(MARKS.superscript),
    '@vertical-align/sub': wrap(MARKS.subscript),
    '@bibliography/entry': (_state: unknown, text: string) => text,
    '@display/block': (_state: unknown, text: string) => text,
    '@display/indent': (_state: unknown, text: string) => text,
  };
}

/** Splits citeproc's marked output into runs; adjacent runs with one look are merged. */
export function readRuns(marked: string): FormattedCitation {
  const runs: CitationRun[] = [];
  const open: (keyof typeof MARKS)[] = [];
  let text = '';
  const look = (): Omit<CitationRun, 'text'> => {
    const style: Omit<CitationRun, 'text'> = {};
    for (const mark of open) {
      if (mark === 'italic') style.italic = true;
      else if (mark === 'roman') delete style.italic;
      else style[mark] = true;
    }
    return style;
  };
  const flush = () => {
    if (!text) return;
    const style = look();
    const last = runs[runs.length - 1];
    if (last && sameLook(last, style)) last.text += text;
    else runs.push({ text, ...style });
    text = '';
  };
  for (const char of marked) {
    const code = char.charCodeAt(0);
    if (code < 0xe000 || code > 0xe00b) {
      text += char;
      continue;
    }
    flush();
    const mark = (Object.keys(MARKS) as (keyof typeof MARKS)[])[(code - 0xe000) >> 1]!;
    if ((code - 0xe000) % 2 === 0) open.push(mark);
    else open.splice(open.lastIndexOf(mark), 1);
  }
  flush();
  return { text: runs.map((run) => run.text).join(''), runs };
}

function sameLook(a: CitationRun, b: Omit<CitationRun, 'text'>): boolean {
  return (['italic', 'bold', 'smallCaps', 'superscript', 'subscript'] as const).every((key) => a[key] === b[key]);
}

// A page number no source has, formatted in its place, so one formatted note serves every page
// of a source: citeproc is slow (about 1 ms a note) and a long brief cites the same source often.
const PAGE_PLACEHOLDER = '9081726354';
// Node and browsers both have it; shared/ is compiled without either's types.
declare const performance: { now(): number };
const MAX_CACHED_NOTES = 50_000;

/** One style in one language: citeproc engines and the notes they have formatted. */
export class CitationFormatter {
  readonly noteStyle: boolean;
  private readonly items = new Map<string, CslItem>();
  private readonly notes = new Map<string, string>();
  private readonly listed = new Map<string, CslItem>();
  private readonly cited = new Map<string, FormattedCitation>();
  private readonly engine: ReturnType<typeof createEngine>;
  private bibliographyEngine: ReturnType<typeof createEngine> | null = null;

  constructor(
    /** CSL XML, or citeproc's JSON form of a style. */
    private readonly style: string,
    private readonly language: NoteLanguage,
  ) {
    this.engine = createEngine(style, language, this.items);
    this.noteStyle = this.engine.opt.xclass === 'note';
  }

  /**
   * A note citing a source as its snapshot describes it. Cached whole, so renumbering a long
   * brief (most notes unchanged) costs a lookup per note. Null as for note().
   */
  cite(
    source: CitationFields & { issued?: string | null },
    position: CitationPosition,
    page: number | null,
    deadline?: number,
  ) {
    const id = snapshotId(source);
    const key = `${position}\u0000${page ?? ''}\u0000${id}`;
    let cited = this.cited.get(key);
    if (!cited) {
      const formatted = this.note(toCslItem(id, source, this.language), position, page, deadline);
      if (!formatted) return null;
      if (this.cited.size >= MAX_CACHED_NOTES) this.cited.clear();
      this.cited.set(key, formatted);
      cited = formatted;
    }
    return cited;
  }

  /**
   * A note citing `item`, in full or short as `position` says, at `page` when it is paginated.
   * Null, when citeproc would have to run, once `deadline` (a performance.now() time) is past.
   */
  note(item: CslItem, position: CitationPosition, page: number | null, deadline?: number): FormattedCitation | null {
    const key = `${item.id}\u0000${position}\u0000${page === null ? '' : 'p'}`;
    let marked = this.notes.get(key);
    if (marked === undefined) {
      if (deadline !== undefined && performance.now() > deadline) return null;
      this.items.set(item.id, item);
      const cite = { id: item.id, position: position === 'first' ? 0 : 1 };
      marked = this.engine.makeCitationCluster([
        page === null ? cite : { ...cite, locator: PAGE_PLACEHOLDER, label: 'page' },
      ]);
      this.notes.set(key, marked);
    }
    const formatted = readRuns(page === null ? marked : marked.split(PAGE_PLACEHOLDER).join(String(page)));
    // A style with nothing to say for this kind of source still leaves a readable note.
    return formatted.text.trim() ? formatted : { text: item.title, runs: [{ text: item.title }] };
  }

  /** The style's bibliography of `items`, in the style's order, each entry with its item's id. */
  bibliography(items: readonly CslItem[]): (FormattedCitation & { id: string })[] {
    if (items.length === 0) return [];
    this.listed.clear();
    for (const item of items) this.listed.set(item.id, item);
    // Its own engine: registering items turns on disambiguation, which must not change the notes.
    this.bibliographyEngine ??= createEngine(this.style, this.language, this.listed);
    this.bibliographyEngine.updateItems([...this.listed.keys()]);
    const made = this.bibliographyEngine.makeBibliography();
    if (!made) return items.map((item) => ({ id: item.id, text: item.title, runs: [{ text: item.title }] }));
    return made[1].map((entry, index) => ({ id: made[0].entry_ids[index]?.[0] ?? '', ...readRuns(entry.trim()) }));
  }
}

function createEngine(style: string, language: NoteLanguage, items: Map<string, CslItem>) {
  const sys = {
    retrieveLocale,
    retrieveItem: (id: string) => items.get(id),
    wrapCitationEntry: (text: string) => text,
  };
  registerFormat();
  const engine = new CSL.Engine(sys, style, LOCALE[language], true);
  engine.setOutputFormat(FORMAT);
  return engine;
}

// Engines are costly to build (tens of milliseconds) and hold every note formatted so far: a few
// are kept, the least recently used dropped.
const MAX_FORMATTERS = 6;
const formatters = new Map<string, CitationFormatter>();

/** The formatter of a style (built-in id or CSL XML) in a note language, built once and kept. */
export function citationFormatter(style: string = DEFAULT_CITATION_STYLE, language: NoteLanguage = 'en') {
  const key = `${language}\u0000${style}`;
  let formatter = formatters.get(key);
  if (formatter) {
    formatters.delete(key);
  } else {
    formatter = new CitationFormatter(
      (isBuiltinStyle(style) && PARSED_CSL[style]) || citationStyleXml(style),
      language,
    );
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
  }
  formatters.set(key, formatter);
  return formatter;
}

/** Whether citationFormatter(style, language) is built already (it is kept until six others are built after it). */
export function hasCitationFormatter(style: string = DEFAULT_CITATION_STYLE, language: NoteLanguage = 'en'): boolean {
  return formatters.has(`${language}\u0000${style}`);
}

/**
 * Null when citeproc can format notes and a bibliography with the style; else why not, for the
 * analyst. A style that cannot do both would leave notes or the Sources list empty.
 */
export function checkCitationStyle(xml: string): string | null {
  try {
    const formatter = new CitationFormatter(xml, 'en');
    const item: CslItem = { id: 'check', type: 'report', title: 'Check', issued: { 'date-parts': [[2025, 1, 1]] } };
    formatter.note(item, 'first', 1);
    formatter.bibliography([item]);
    return null;
  } catch (error) {
    return `Not a usable CSL style: ${error instanceof Error ? error.message : String(error)}`;
  }
}
