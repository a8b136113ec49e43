import { strFromU8, unzipSync } from 'fflate';
import { UserError } from '../errors';

/**
 * A department's Word template (.docx or .dotx) read once, as pandoc's --reference-doc is: the
 * parts an export takes from it (applyWordReference.ts). Nothing else of the file is kept.
 */
export interface WordReference {
  /** word/styles.xml as the template has it. */
  styles: string;
  /** The theme part (the fonts and colours its styles name as "major"/"minor"), when self-contained. */
  theme: string | null;
  /** The font table, when it embeds no font files. */
  fontTable: string | null;
  /** The section's <w:pgSz/> and <w:pgMar/> elements, verbatim; null when the template sets none. */
  pageSize: string | null;
  pageMargins: string | null;
  /** The width between the margins, in twips; null when the template sets no page. */
  textWidth: number | null;
  /** Header and footer parts by the pages they are for; each kind the template has. */
  headers: Furniture;
  footers: Furniture;
  /** The section has a different first page (w:titlePg). */
  titlePage: boolean;
  /** Even pages have their own header and footer (settings' w:evenAndOddHeaders). */
  evenAndOddHeaders: boolean;
  /**
   * The template's own list formats, as the content of a w:abstractNum (levels and all): the
   * bullets and the numbered list its "List Bullet" / "List Number" styles, or else its first
   * lists, use. Null where it has none.
   */
  lists: { bullet: string | null; number: string | null };
}

export type FurnitureKind = 'default' | 'first' | 'even';
export type Furniture = Partial<Record<FurnitureKind, FurniturePart>>;

/** A header or footer part and what it refers to (a logo), so it can be carried into the export. */
export interface FurniturePart {
  xml: string;
  relationships: { id: string; type: string; target: string; external: boolean }[];
  /** The internal targets' bytes, by target path relative to the part's folder ("media/image1.png"). */
  media: Record<string, Uint8Array>;
  /** Content types by file extension, for the media. */
  mediaTypes: Record<string, string>;
}

const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
const W_NAMESPACE = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// The main part of a document, a template, and their macro-enabled kinds (no macro is copied).
const MAIN_PART_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
]);

const refuse = (name: string, why: string) =>
  new UserError('invalid-input', `${name} cannot be used as a Word template: ${why}`);

/**
 * Reads and checks a template. Refuses (a UserError naming the file) anything that is not a Word
 * document or template with a styles part: another zip, a Strict Open XML file, a damaged file.
 */
export function readWordReference(name: string, bytes: Uint8Array): WordReference {
  if (bytes.length > MAX_TEMPLATE_BYTES) throw refuse(name, 'it is larger than 20 MB.');
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new Error('too large unzipped');
        return true;
      },
    });
  } catch {
    throw refuse(name, 'it is not a .docx or .dotx file (it could not be opened as one).');
  }
  const text = (path: string): string | null => (files[path] ? strFromU8(files[path]) : null);

  const mainPath = relationshipTargets(text('_rels/.rels'), '', 'officeDocument')[0]?.target;
  const contentTypes = text('[Content_Types].xml') ?? '';
  const mainType = mainPath ? overrideType(contentTypes, mainPath) : null;
  const document = mainPath ? text(mainPath) : null;
  if (!mainPath || !document || !mainType || !MAIN_PART_TYPES.has(mainType)) {
    throw refuse(name, 'it is not a Word document or template (no main document part).');
  }
  if (!document.includes(`"${W_NAMESPACE}"`)) {
    throw refuse(name, 'it is saved as Strict Open XML; save it in Word as a .docx or .dotx (not "Strict").');
  }
  const folder = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
  const mainRels = text(relsPathOf(mainPath));
  const partOf = (type: string) => relationshipTargets(mainRels, folder, type)[0]?.target ?? null;
  const stylesPath = partOf('styles');
  const styles = stylesPath ? text(stylesPath) : null;
  if (!styles || !/<w:styles[\s>]/.test(styles)) throw refuse(name, 'it has no styles part (word/styles.xml).');

  const themePath = partOf('theme');
  const fontTablePath = partOf('fontTable');
  const theme = themePath && !files[relsPathOf(themePath)] ? text(themePath) : null;
  const fontTable = fontTablePath && !files[relsPathOf(fontTablePath)] ? text(fontTablePath) : null;

  // The document's last section properties are the body's own (a template has one section).
  const lastSection = document.lastIndexOf('<w:sectPr');
  const sectPr = lastSection === -1 ? '' : document.slice(lastSection, document.indexOf('</w:body>', lastSection));
  const pageSize = /<w:pgSz\b[^>]*\/>/.exec(sectPr)?.[0] ?? null;
  const pageMargins = /<w:pgMar\b[^>]*\/>/.exec(sectPr)?.[0] ?? null;
  const furniture = (part: 'header' | 'footer'): Furniture => {
    const found: Furniture = {};
    for (const kind of ['default', 'first', 'even'] as const) {
      const id = new RegExp(`<w:${part}Reference\\b[^>]*w:type="${kind}"[^>]*/>`).exec(sectPr)?.[0];
      const rId = id ? /r:id="([^"]+)"/.exec(id)?.[1] : undefined;
      const path = relationshipTargets(mainRels, folder, part).find((rel) => rel.id === rId)?.target;
      const xml = path ? text(path) : null;
      if (path && xml) found[kind] = furniturePart(path, xml, files, contentTypes);
    }
    return found;
  };
  const settingsPath = partOf('settings');
  const settings = settingsPath ? (text(settingsPath) ?? '') : '';
  const numberingPath = partOf('numbering');
  return {
    styles,
    theme,
    fontTable,
    pageSize,
    pageMargins,
    textWidth: textWidth(pageSize, pageMargins),
    headers: furniture('header'),
    footers: furniture('footer'),
    titlePage: isOn(/<w:titlePg\b[^>]*\/>/.exec(sectPr)?.[0]),
    evenAndOddHeaders: isOn(/<w:evenAndOddHeaders\b[^>]*\/>/.exec(settings)?.[0]),
    lists: templateLists(numberingPath ? text(numberingPath) : null, styles, document),
  };
}

/** An OOXML on/off element: on unless its w:val says false. */
function isOn(element: string | undefined): boolean {
  if (!element) return false;
  const value = /w:val="([^"]*)"/.exec(element)?.[1];
  return value === undefined || !['false', '0', 'off'].includes(value);
}

/**
 * The abstract numbering (its content) for bullets and for numbered lists: the one the
 * template's "List Bullet" / "List Number" style points to, else the one its first bulleted /
 * numbered paragraph uses. A level's link to a style, another list or a picture bullet is dropped: ours has none.
 */
function templateLists(numbering: string | null, styles: string, document: string): WordReference['lists'] {
  const none = { bullet: null, number: null };
  if (!numbering) return none;
  const abstracts = new Map<string, string>();
  for (const match of numbering.matchAll(
    /<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    abstracts.set(match[1]!, match[2]!);
  }
  const nums = new Map<string, string>();
  for (const match of numbering.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>[\s\S]*?<w:abstractNumId w:val="(\d+)"/g)) {
    nums.set(match[1]!, match[2]!);
  }
  const numIdIn = (xml: string) => /<w:numId w:val="(\d+)"/.exec(xml)?.[1];
  const abstractOf = (numId: string | undefined) => (numId ? abstracts.get(nums.get(numId) ?? '') : undefined);
  const isBullet = (abstract: string) => /<w:lvl\b[^>]*w:ilvl="0"[\s\S]*?<w:numFmt w:val="bullet"/.test(abstract);
  const byStyle = (name: string) => {
    const style = [...styles.matchAll(/<w:style\b[^>]*>[\s\S]*?<\/w:style>/g)].find((m) =>
      new RegExp(`<w:name w:val="${name}"`, 'i').test(m[0]),
    );
    return style ? abstractOf(numIdIn(style[0])) : undefined;
  };
  const used = [...document.matchAll(/<w:numPr>[\s\S]*?<\/w:numPr>/g)]
    .map((m) => abstractOf(numIdIn(m[0])))
    .filter((abstract): abstract is string => abstract !== undefined);
  const standalone = (abstract: string | undefined) =>
    abstract?.replace(/<w:(?:numStyleLink|styleLink|pStyle|lvlPicBulletId)\b[^>]*\/>/g, '') ?? null;
  return {
    bullet: standalone(byStyle('List Bullet') ?? used.find(isBullet)),
    number: standalone(byStyle('List Number') ?? used.find((abstract) => !isBullet(abstract))),
  };
}

function furniturePart(
  path: string,
  xml: string,
  files: Record<string, Uint8Array>,
  contentTypes: string,
): FurniturePart {
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const relationships = relationshipTargets(
    files[relsPathOf(path)] ? strFromU8(files[relsPathOf(path)]!) : null,
    folder,
    null,
  );
  const media: Record<string, Uint8Array> = {};
  const mediaTypes: Record<string, string> = {};
  const kept = relationships.filter((rel) => {
    if (rel.external) return true;
    const bytes = files[rel.target];
    if (!bytes) return false;
    media[rel.target.slice(folder.length)] = bytes;
    const extension = rel.target.split('.').pop()?.toLowerCase() ?? '';
    if (!/^[a-z0-9]{1,10}$/.test(extension)) return true;
    const type = new RegExp(`<Default\\b[^>]*Extension="${extension}"[^>]*ContentType="([^"]+)"`, 'i').exec(
      contentTypes,
    )?.[1];
    if (type) mediaTypes[extension] = type;
    return true;
  });
  return {
    xml,
    relationships: kept.map((rel) => ({ ...rel, target: rel.external ? rel.target : rel.target.slice(folder.length) })),
    media,
    mediaTypes,
  };
}

function textWidth(pageSize: string | null, pageMargins: string | null): number | null {
  const attribute = (element: string | null, name: string) => {
    const value = element ? new RegExp(`w:${name}="(-?\\d+)"`).exec(element)?.[1] : undefined;
    return value === undefined ? 0 : Number(value);
  };
  const width = attribute(pageSize, 'w');
  if (!width) return null;
  const inner =
    width - attribute(pageMargins, 'left') - attribute(pageMargins, 'right') - attribute(pageMargins, 'gutter');
  // A page so narrow its margins leave almost nothing is the template's business, but the table
  // must still have a positive width.
  return Math.max(inner, 1440);
}

function relsPathOf(part: string): string {
  const at = part.lastIndexOf('/');
  return `${part.slice(0, at + 1)}_rels/${part.slice(at + 1)}.rels`;
}

/** The relationships of a .rels part (of one type, or all), targets resolved to package paths. */
function relationshipTargets(
  rels: string | null,
  folder: string,
  type: string | null,
): { id: string; type: string; target: string; external: boolean }[] {
  if (!rels) return [];
  const out: { id: string; type: string; target: string; external: boolean }[] = [];
  for (const [element] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1] ?? '';
    const relType = attr('Type');
    if (type && relType !== `${REL}/${type}`) continue;
    const external = attr('TargetMode') === 'External';
    const target = external ? attr('Target') : resolvePath(folder, attr('Target'));
    out.push({ id: attr('Id'), type: relType, target, external });
  }
  return out;
}

function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function overrideType(contentTypes: string, path: string): string | null {
  for (const [element] of contentTypes.matchAll(/<Override\b[^>]*>/g)) {
    const partName = /PartName="([^"]*)"/.exec(element)?.[1];
    if (partName?.replace(/^\//, '') === path) return /ContentType="([^"]*)"/.exec(element)?.[1] ?? null;
  }
  return null;
}
