import {
  type DomDocument,
  type DomElement,
  type DomNode,
  escapeHtml,
  isElement,
  parseHtmlDocument,
  TEXT_NODE,
} from './dom';

/**
 * Makes a saved web page inert before anything is stored or shown: no script, no event handler,
 * nothing that fetches or navigates (images, frames, style sheets, CSS `url()`, forms, links).
 * An allow-list, not a block-list: elements we do not know are unwrapped to their text, and only
 * attributes that can do nothing are kept. Links keep their address as inert `data-href` text.
 */

// Text-level and structural elements that cannot run or load anything.
const ALLOWED_ELEMENTS = new Set(
  `article section header footer main nav aside div span p br hr h1 h2 h3 h4 h5 h6 hgroup ul ol li dl dt dd
   blockquote q cite pre code em strong b i u s strike sub sup small big mark abbr time a table thead tbody tfoot
   tr th td caption colgroup col figure figcaption address del ins details summary center tt kbd samp var wbr bdi
   bdo data ruby rt rp font`
    .split(/\s+/)
    .filter(Boolean),
);

// Dropped with everything inside them: active, embedded or fetching content, form controls, and
// the raw-text elements whose contents a serializer writes back unescaped.
const DROPPED_ELEMENTS = new Set(
  `script style noscript template iframe frame frameset noframes noembed object embed applet param img image
   picture source video audio track canvas map area svg math link meta base title textarea xmp plaintext listing
   input button select option optgroup datalist output keygen meter progress dialog portal slot`
    .split(/\s+/)
    .filter(Boolean),
);

// Inert attributes. class, id, role and the hidden markers stay because Readability uses them to
// tell the article from the page chrome around it.
const ALLOWED_ATTRIBUTES = new Set(
  `lang dir title class id role hidden aria-hidden aria-label itemprop colspan rowspan scope headers abbr span
   start reversed type value datetime`
    .split(/\s+/)
    .filter(Boolean),
);

const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** Sanitises the page's <body> in place. The <head> is left for the caller to read, then dropped. */
export function sanitiseBody(doc: DomDocument): DomElement | null {
  const body = doc.body;
  if (!body) return null;
  sanitiseChildren(body);
  cleanAttributes(body, 'body');
  return body;
}

/**
 * The stored original: the sanitised body under a head of our own, with the title escaped by
 * hand (serializers write <title> text back raw) and a policy that forbids loading anything,
 * should a future view ever render it.
 */
export function sanitisedPage(doc: DomDocument, title: string | null): string {
  const body = sanitiseBody(doc);
  const lang = doc.documentElement.getAttribute('lang')?.trim() ?? '';
  const langAttribute = LANGUAGE_TAG.test(lang) ? ` lang="${escapeHtml(lang)}"` : '';
  return (
    `<!DOCTYPE html>\n<html${langAttribute}><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">` +
    `${title ? `<title>${escapeHtml(title)}</title>` : ''}</head>` +
    `${body ? body.outerHTML : '<body></body>'}</html>`
  );
}

/**
 * Re-parses stored HTML and names the first thing the allow-list should have removed, or null.
 * A second line of defence: if the parser and serializer ever disagree, the import fails rather
 * than store something live.
 */
export function findUnsafeMarkup(html: string): string | null {
  return unsafeMarkupIn(parseHtmlDocument(html));
}

/** findUnsafeMarkup on stored HTML already parsed, for a caller that reads the same document next. */
export function unsafeMarkupIn(doc: DomDocument): string | null {
  for (const element of Array.from(doc.documentElement.querySelectorAll('*'))) {
    const tag = element.localName.toLowerCase();
    const inHead = tag === 'meta' || tag === 'title';
    if (!ALLOWED_ELEMENTS.has(tag) && !inHead && tag !== 'head' && tag !== 'body') return `<${tag}>`;
    for (const { name } of Array.from(element.attributes)) {
      const attribute = name.toLowerCase();
      const ours =
        (tag === 'a' && attribute === 'data-href') ||
        (tag === 'meta' && ['charset', 'http-equiv', 'content'].includes(attribute));
      if (!ALLOWED_ATTRIBUTES.has(attribute) && !ours) return `${tag}[${attribute}]`;
    }
  }
  const metas = Array.from(doc.querySelectorAll('meta'));
  if (
    metas.some(
      (meta) => meta.hasAttribute('http-equiv') && meta.getAttribute('http-equiv') !== 'Content-Security-Policy',
    )
  ) {
    return 'meta[http-equiv]';
  }
  return null;
}

function sanitiseChildren(parent: DomNode): void {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === TEXT_NODE) continue;
    // Comments (conditional comments can hold markup), CDATA, processing instructions.
    if (!isElement(node)) {
      node.remove();
      continue;
    }
    const tag = node.localName.toLowerCase();
    if (DROPPED_ELEMENTS.has(tag)) {
      node.remove();
      continue;
    }
    sanitiseChildren(node);
    if (ALLOWED_ELEMENTS.has(tag)) cleanAttributes(node, tag);
    else node.replaceWith(...Array.from(node.childNodes));
  }
}

function cleanAttributes(element: DomElement, tag: string): void {
  const hidden = HIDING_STYLE.test(element.getAttribute('style') ?? '');
  // Browsers ignore white space and control characters inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  const href = tag === 'a' ? (element.getAttribute('href') ?? '').replace(/[\s\u0000-\u001f]+/g, '') : '';
  for (const { name } of Array.from(element.attributes)) {
    if (!ALLOWED_ATTRIBUTES.has(name.toLowerCase())) element.removeAttribute(name);
  }
  // Inline style is dropped (it can fetch with url()), but what it hid must stay hidden.
  if (hidden) element.setAttribute('hidden', '');
  if (SAFE_LINK.test(href)) element.setAttribute('data-href', href);
}
