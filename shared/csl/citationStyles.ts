import { z } from 'zod';
import apa from './vendor/apa';
import chicagoFullnoteBibliography from './vendor/chicagoFullnoteBibliography';

/**
 * The citation styles that ship with the app (CSL files, vendor/LICENCE.md). A brief names one by
 * id, or carries the XML of a style the analyst added from a .csl file, so that it exports the
 * same on any machine.
 */
export const BUILTIN_CITATION_STYLES = [
  { id: 'chicago-fullnote-bibliography', label: 'Chicago (notes and bibliography)', xml: chicagoFullnoteBibliography },
  { id: 'apa', label: 'APA 7th edition', xml: apa },
] as const;
export type BuiltinCitationStyleId = (typeof BUILTIN_CITATION_STYLES)[number]['id'];

/** Chicago notes and bibliography: a full note the first time, a short one after, no "Ibid.". */
export const DEFAULT_CITATION_STYLE: BuiltinCitationStyleId = 'chicago-fullnote-bibliography';

// A style file is a few tens of kilobytes; dependent styles are smaller still.
export const MAX_CUSTOM_STYLE_LENGTH = 1_000_000;

/** What a brief (and the default in settings) holds: a built-in style's id, or a style's XML. */
export const CitationStyle = z
  .string()
  .min(1)
  .max(MAX_CUSTOM_STYLE_LENGTH)
  .refine((value) => isBuiltinStyle(value) || isStyleXml(value), 'Not a citation style');
export type CitationStyle = z.infer<typeof CitationStyle>;

export function isBuiltinStyle(value: string): value is BuiltinCitationStyleId {
  return BUILTIN_CITATION_STYLES.some((style) => style.id === value);
}

export function isStyleXml(value: string): boolean {
  return /<style[\s>]/.test(value.slice(0, 4000));
}

/** The CSL XML of a style as a brief names it; an unknown id is the default style. */
export function citationStyleXml(style: string): string {
  if (isStyleXml(style)) return style;
  return (BUILTIN_CITATION_STYLES.find((builtin) => builtin.id === style) ?? BUILTIN_CITATION_STYLES[0]).xml;
}

/** The style's name for the "Citation style" list: a built-in label, else the file's own <title>. */
export function citationStyleLabel(style: string): string {
  const builtin = BUILTIN_CITATION_STYLES.find((candidate) => candidate.id === style);
  if (builtin) return builtin.label;
  const title = /<title>([^<]{1,200})<\/title>/.exec(style)?.[1]?.trim();
  return title ? decodeXmlText(title) : 'Custom style';
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
