import { parseHTML } from 'linkedom';

/**
 * The slice of the DOM the importers use, typed here because main/ compiles without the DOM
 * library (so browser globals cannot leak into Node code). linkedom implements all of it.
 */
export interface DomNode {
  nodeType: number;
  localName?: string;
  textContent: string | null;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  remove(): void;
}

export interface DomElement extends DomNode {
  localName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  children: ArrayLike<DomElement>;
  innerHTML: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  replaceWith(...nodes: DomNode[]): void;
}

export interface DomDocument {
  documentElement: DomElement;
  head: DomElement | null;
  body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Parses a whole page, or a fragment of one (a page saved without its <html> element). */
export function parseHtmlDocument(html: string): DomDocument {
  // linkedom only builds <head> and <body> when it sees <html>; a comment or XML declaration
  // before it (Chrome writes "<!-- saved from url=… -->") is fine.
  if (/<html[\s>]/i.test(html)) return linkedomDocument(html);
  if (/<(?:head|body)[\s>]/i.test(html)) return linkedomDocument(`<!DOCTYPE html><html>${html}</html>`);
  return parseHtmlFragment(html);
}

/** Parses a fragment (mammoth's output, Readability's article) into the <body> of a new document. */
export function parseHtmlFragment(html: string): DomDocument {
  return linkedomDocument(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
}

// linkedom declares its result with the DOM library's Window type, which main/ does not load.
function linkedomDocument(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** A node's text with runs of white space collapsed, as a browser would lay it out. */
export function collapsedText(node: DomNode): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
