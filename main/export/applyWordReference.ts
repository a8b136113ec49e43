import { strToU8 } from 'fflate';
import type { FurnitureKind, FurniturePart, WordReference } from './wordReference';
import { type PackageParts, partText } from './zipPackage';

// What pandoc's --reference-doc does, on the package docx wrote: the template's styles (with
// ours added where it lacks one), theme, font table and page set-up, and its header and footer
// furniture around our classification marking, which stays the top and bottom line of the page.

const STYLE_REFERENCE = /(<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link)\s+w:val=")([^"]+)(")/g;

interface StyleDefinition {
  xml: string;
  id: string;
  name: string;
}

/** Applies a template to an exported package's parts (by path), in place. */
export function applyWordReference(files: PackageParts, reference: WordReference): void {
  const text = (path: string) => partText(files, path);
  const put = (path: string, xml: string) => {
    files[path] = xml;
  };

  const { styles, renamed } = mergeStyles(text('word/styles.xml'), reference.styles);
  put('word/styles.xml', styles);
  for (const path of Object.keys(files)) {
    if (!/^word\/(document|footnotes|endnotes|header\d+|footer\d+|numbering)\.xml$/.test(path)) continue;
    put(path, renameStyleReferences(text(path), renamed));
  }
  if (reference.theme && files['word/theme/theme1.xml']) put('word/theme/theme1.xml', reference.theme);
  if (reference.fontTable && files['word/fontTable.xml']) put('word/fontTable.xml', reference.fontTable);

  let document = text('word/document.xml');
  if (reference.pageSize) document = document.replace(/<w:pgSz\b[^>]*\/>/, reference.pageSize);
  if (reference.pageMargins) document = document.replace(/<w:pgMar\b[^>]*\/>/, reference.pageMargins);
  put('word/document.xml', document);

  let contentTypes = text('[Content_Types].xml');
  const ours = furnitureParts(document, text('word/_rels/document.xml.rels'));
  for (const [kind, furniture, place] of [
    ['header', reference.headers, 'first'],
    ['footer', reference.footers, 'last'],
  ] as const) {
    for (const [pages, part] of Object.entries(furniture) as [FurnitureKind, FurniturePart][]) {
      const path = ours.get(`${kind}:${pages}`);
      if (!path || !files[path]) continue;
      put(path, renameStyleReferences(furnitureAround(text(path), part.xml, place), renamed));
      contentTypes = carryRelationships(files, path, part, contentTypes);
    }
  }
  put('[Content_Types].xml', contentTypes);
}

/**
 * The template's styles, and each of ours the template lacks. A style the template has under
 * another id but the same name (French Word calls "heading 1" Titre1) is the template's: our
 * paragraphs are renamed to it. The template's list numbering is not carried (its numbering part
 * is not), so its styles lose their numPr rather than point at our lists.
 */
function mergeStyles(ours: string, theirs: string): { styles: string; renamed: Map<string, string> } {
  const their = styleDefinitions(theirs);
  const byId = new Map(their.map((style) => [style.id, style]));
  const byName = new Map(their.map((style) => [style.name.toLowerCase(), style]));
  const renamed = new Map<string, string>();
  const added: StyleDefinition[] = [];
  for (const style of styleDefinitions(ours)) {
    if (byId.has(style.id)) continue;
    const sameName = byName.get(style.name.toLowerCase());
    if (sameName) renamed.set(style.id, sameName.id);
    else added.push(style);
  }
  const addedXml = added.map((style) => renameStyleReferences(style.xml, renamed)).join('');
  const language = /<w:rPrDefault>[\s\S]*?(<w:lang\b[^>]*\/>)/.exec(ours)?.[1] ?? '';
  let styles = theirs
    .replace(/<w:numPr>[\s\S]*?<\/w:numPr>/g, '')
    .replace(/<\/w:styles>\s*$/, `${addedXml}</w:styles>`);
  // The template's language settings give way to the note's: spelling is checked in its language.
  if (language) styles = withDefaultLanguage(styles, language);
  return { styles, renamed };
}

function withDefaultLanguage(styles: string, language: string): string {
  if (/<w:rPrDefault>\s*<w:rPr>/.test(styles)) {
    return styles.replace(/<w:rPrDefault>\s*<w:rPr>([\s\S]*?)<\/w:rPr>/, (_all, inner: string) => {
      return `<w:rPrDefault><w:rPr>${inner.replace(/<w:lang\b[^>]*\/>/, '')}${language}</w:rPr>`;
    });
  }
  const rPrDefault = `<w:rPrDefault><w:rPr>${language}</w:rPr></w:rPrDefault>`;
  if (/<w:docDefaults>/.test(styles)) return styles.replace(/<w:docDefaults>/, `<w:docDefaults>${rPrDefault}`);
  return styles.replace(/(<w:styles\b[^>]*>)/, `$1<w:docDefaults>${rPrDefault}</w:docDefaults>`);
}

function styleDefinitions(styles: string): StyleDefinition[] {
  return [...styles.matchAll(/<w:style\b[^>]*>[\s\S]*?<\/w:style>/g)].map(([xml]) => ({
    xml,
    id: /w:styleId="([^"]*)"/.exec(xml)?.[1] ?? '',
    name: /<w:name\s+w:val="([^"]*)"/.exec(xml)?.[1] ?? '',
  }));
}

function renameStyleReferences(xml: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0) return xml;
  return xml.replace(STYLE_REFERENCE, (all, start: string, id: string, end: string) =>
    renamed.has(id) ? `${start}${renamed.get(id)}${end}` : all,
  );
}

/** Our package's header and footer parts, by "header:first" etc., from the section's references. */
function furnitureParts(document: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [element] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(element)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(element)?.[1];
    if (id && target) targets.set(id, `word/${target.replace(/^\/?word\//, '')}`);
  }
  const parts = new Map<string, string>();
  for (const [element, kind] of document.matchAll(/<w:(header|footer)Reference\b[^>]*\/>/g)) {
    const type = /w:type="([^"]*)"/.exec(element)?.[1];
    const target = targets.get(/r:id="([^"]*)"/.exec(element)?.[1] ?? '');
    if (type && target) parts.set(`${kind}:${type}`, target);
  }
  return parts;
}

/**
 * The template's header (or footer) part, with our marking paragraphs first in the header and
 * last in the footer. The template's root element is kept, with the namespaces its content needs.
 */
function furnitureAround(ours: string, theirs: string, place: 'first' | 'last'): string {
  const inner = /<w:(?:hdr|ftr)\b[^>]*>([\s\S]*)<\/w:(?:hdr|ftr)>/.exec(ours)?.[1] ?? '';
  if (place === 'first') return theirs.replace(/(<w:(?:hdr|ftr)\b[^>]*>)/, `$1${inner}`);
  return theirs.replace(/(<\/w:(?:hdr|ftr)>)\s*$/, `${inner}$1`);
}

/** Writes the part's relationships (a logo, a link) and copies what they point to. */
function carryRelationships(files: PackageParts, path: string, part: FurniturePart, contentTypes: string): string {
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const name = path.slice(folder.length);
  const rels = part.relationships.map((rel) => {
    if (rel.external) {
      return `<Relationship Id="${rel.id}" Type="${rel.type}" Target="${escapeAttribute(rel.target)}" TargetMode="External"/>`;
    }
    // Our own package holds no media, but a template-specific folder keeps the names apart anyway.
    const target = `media/template-${name.replace('.xml', '')}-${rel.target.split('/').pop()}`;
    const bytes = part.media[rel.target];
    if (bytes) files[folder + target] = bytes;
    return `<Relationship Id="${rel.id}" Type="${rel.type}" Target="${escapeAttribute(target)}"/>`;
  });
  files[`${folder}_rels/${name}.rels`] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  let types = contentTypes;
  for (const [extension, type] of Object.entries(part.mediaTypes)) {
    if (new RegExp(`Extension="${extension}"`, 'i').test(types)) continue;
    types = types.replace(
      '</Types>',
      `<Default Extension="${extension}" ContentType="${escapeAttribute(type)}"/></Types>`,
    );
  }
  return types;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
