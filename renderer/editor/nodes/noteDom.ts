import type { LexicalEditor, NodeKey } from 'lexical';
import type { ExcerptDisplay } from '../../../shared/excerpt';
import type { CitationFields } from '../../../shared/source';
import { currentIntl } from '../../i18n/currentIntl';

/**
 * Excerpts and citations are drawn as plain DOM (their decorate() returns null, so Lexical mounts
 * no React portal for them): a 50-page note holds hundreds, and a portal each costs React's full
 * set of event listeners on every container. Their footnote numbers and quote-integrity flags are
 * written into that DOM by FootnotesPlugin and QuoteIntegrityPlugin; the last values written are
 * kept here, per editor, so a node whose DOM Lexical recreates (undo, a moved block) is drawn with
 * them straight away. Clicks are handled by delegation in NoteInteractionsPlugin.
 */

/** Whether an excerpt's words match its source: null while unknown (source still loading). */
export type Verdict = { ok: true } | { ok: false; reason: string } | null;

interface RenderedState {
  numbers: Map<NodeKey, number>;
  verdicts: Map<NodeKey, Verdict>;
}

const rendered = new WeakMap<LexicalEditor, RenderedState>();

export function renderedState(editor: LexicalEditor): RenderedState {
  let state = rendered.get(editor);
  if (!state) {
    state = { numbers: new Map(), verdicts: new Map() };
    rendered.set(editor, state);
  }
  return state;
}

const quoteText = (quote: string, display: ExcerptDisplay) => (display === 'block' ? quote : `“${quote}”`);
const sourceName = (source: CitationFields) => source.outlet ?? source.title;
const showPassageTitle = (source: CitationFields) =>
  currentIntl().formatMessage({ id: 'quote.show' }, { source: sourceName(source) });

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

/** Each excerpt's or citation's number element, by the node's outer element: found without a query. */
const numberElements = new WeakMap<HTMLElement, HTMLElement>();

function footnoteRef(number: number | undefined): HTMLElement {
  const sup = element('sup', 'footnote-ref');
  sup.textContent = number === undefined ? '·' : String(number);
  return sup;
}

/**
 * Writes a footnote number into a node's DOM. Renumbering after an insert near the top of a long
 * note writes every number below it (2,000 at 2,000 excerpts), inside the insert's measured time:
 * the number's element is kept (no query per node), and its text node's data set in place.
 */
export function writeFootnoteNumber(dom: HTMLElement, number: number): void {
  let sup = numberElements.get(dom);
  if (!sup) {
    sup = dom.querySelector<HTMLElement>('sup.footnote-ref') ?? undefined;
    if (!sup) return;
    numberElements.set(dom, sup);
  }
  const text = String(number);
  const shown = sup.firstChild;
  if (shown instanceof Text && sup.childNodes.length === 1) {
    if (shown.data !== text) shown.data = text;
  } else sup.textContent = text;
}

export interface ExcerptDomData {
  quote: string;
  display: ExcerptDisplay;
  source: CitationFields;
}

/** `<span class="excerpt"><span class="excerpt-quote">“open”<sup/><button edit/>[flag]</span></span>` */
export function createExcerptDOM(data: ExcerptDomData, key: NodeKey, editor: LexicalEditor | undefined): HTMLElement {
  const state = editor ? renderedState(editor) : null;
  const outer = element('span', data.display === 'block' ? 'excerpt excerpt-block' : 'excerpt');
  // Dragged whole to move it within the note (QuotationMovePlugin).
  outer.draggable = true;
  const quote = element('span', 'excerpt-quote');
  // A span, not a button: the quotation must flow and wrap with the sentence around it.
  const open = element('span', 'excerpt-open');
  open.setAttribute('role', 'button');
  open.tabIndex = 0;
  open.title = showPassageTitle(data.source);
  open.textContent = quoteText(data.quote, data.display);
  // The pencil is drawn by CSS so it never becomes part of the note's text.
  const edit = element('button', 'excerpt-edit');
  edit.type = 'button';
  edit.setAttribute('aria-label', currentIntl().formatMessage({ id: 'quote.edit' }));
  const number = footnoteRef(state?.numbers.get(key));
  numberElements.set(outer, number);
  quote.append(open, number, edit);
  outer.append(quote);
  const verdict = state?.verdicts.get(key);
  if (verdict) writeVerdict(outer, verdict);
  return outer;
}

/** Brings an excerpt's DOM up to date in place (keeping its number, flag and any open editor). */
export function updateExcerptDOM(dom: HTMLElement, previous: ExcerptDomData, next: ExcerptDomData): void {
  if (previous.display !== next.display) dom.className = next.display === 'block' ? 'excerpt excerpt-block' : 'excerpt';
  const open = dom.querySelector<HTMLElement>('.excerpt-open');
  if (!open) return;
  const text = quoteText(next.quote, next.display);
  if (open.textContent !== text) open.textContent = text;
  if (previous.source !== next.source) open.title = showPassageTitle(next.source);
}

/** Flags (or unflags) an excerpt whose words no longer match its source. */
export function writeVerdict(dom: HTMLElement, verdict: Verdict): void {
  const quote = dom.querySelector<HTMLElement>('.excerpt-quote');
  if (!quote) return;
  const existing = quote.querySelector<HTMLElement>(':scope > .quote-flag');
  if (verdict === null || verdict.ok) {
    if (!existing && !quote.hasAttribute('aria-invalid')) return;
    existing?.remove();
    quote.classList.remove('flagged');
    quote.removeAttribute('aria-invalid');
    return;
  }
  const message = `${currentIntl().formatMessage({ id: 'quote.flag' }, { reason: verdict.reason })} `;
  if (existing?.firstChild?.nodeValue === message) return;
  existing?.remove();
  quote.classList.add('flagged');
  quote.setAttribute('aria-invalid', 'true');
  const flag = element('span', 'quote-flag');
  flag.setAttribute('role', 'note');
  const restore = element('button', 'quote-restore');
  restore.type = 'button';
  restore.textContent = currentIntl().formatMessage({ id: 'quote.restore' });
  const paraphrase = element('button', 'quote-paraphrase');
  paraphrase.type = 'button';
  paraphrase.textContent = currentIntl().formatMessage({ id: 'quote.paraphrase' });
  flag.append(message, restore, paraphrase);
  // Before the edit form, if one is open, as React drew it.
  quote.insertBefore(flag, quote.querySelector(':scope > .excerpt-form'));
}

/** `<span class="citation"><button class="citation-ref"><sup class="footnote-ref">n</sup></button></span>` */
export function createCitationDOM(
  source: CitationFields,
  key: NodeKey,
  editor: LexicalEditor | undefined,
): HTMLElement {
  const outer = element('span', 'citation');
  const button = element('button', 'citation-ref');
  button.type = 'button';
  button.title = currentIntl().formatMessage({ id: 'citation.cited' }, { source: sourceName(source) });
  const number = footnoteRef(editor ? renderedState(editor).numbers.get(key) : undefined);
  numberElements.set(outer, number);
  button.append(number);
  outer.append(button);
  return outer;
}
