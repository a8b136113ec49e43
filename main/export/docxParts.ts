// Package parts written as text rather than through docx's object model, where docx 9.15's own
// output is wrong for Word. They replace docx's parts via Packer's `overrides`.
import type { Footnote } from '../../shared/briefDocument';
import type { CitationRun } from '../../shared/csl/citationFormat';
import { stripXmlInvalid } from '../../shared/text';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W_NAMESPACE = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Escapes for both text and attribute values, after removing what XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return stripXmlInvalid(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Escapes text content (not attribute values) already free of what XML forbids: quotes may stay. */
export function escapeText(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

/**
 * docx stamps created/modified with the wall clock and has no option for them, and the export
 * must be reproducible for a given `now`.
 */
export function corePropertiesXml(props: {
  title: string;
  subject: string;
  creator: string;
  language: string;
  now: Date;
}): string {
  // Word writes whole seconds; some readers reject fractional ones.
  const stamp = props.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const element = (name: string, value: string): string => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  return (
    DECLARATION +
    '<cp:coreProperties' +
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', props.title) +
    element('dc:subject', props.subject) +
    element('dc:creator', props.creator) +
    element('cp:lastModifiedBy', props.creator) +
    element('dc:language', props.language) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

// docx 9.15 puts a <w:footnoteRef/> (or <w:endnoteRef/>) run into the separator and
// continuation-separator notes, which makes Word open the file with its repair dialog
// (github.com/anthropics/skills/issues/570). These are the separators as Word writes them.
function separators(kind: 'footnote' | 'endnote'): string {
  const note = (type: string, id: number, mark: string): string =>
    `<w:${kind} w:type="${type}" w:id="${id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>` +
    `</w:pPr><w:r><w:${mark}/></w:r></w:p></w:${kind}>`;
  return note('separator', -1, 'separator') + note('continuationSeparator', 0, 'continuationSeparator');
}

/**
 * The footnotes part: the two separators, then one note per excerpt with the id its reference
 * in document.xml carries (its number). Each note is the citation after the automatic number
 * mark and a space, as Word itself writes a footnote, in runs with the style's italics.
 */
export function footnotesXml(footnotes: readonly Footnote[]): string {
  const notes = footnotes.map(
    (note) =>
      `<w:footnote w:id="${note.number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>` +
      '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' +
      citationRunsXml([{ text: ' ' }, ...note.runs]) +
      '</w:p></w:footnote>',
  );
  return `${DECLARATION}<w:footnotes xmlns:w="${W_NAMESPACE}">${separators('footnote')}${notes.join('')}</w:footnotes>`;
}

/** A citation's runs as WordprocessingML runs; the runs' text joined is the footnote's text. */
function citationRunsXml(runs: readonly CitationRun[]): string {
  const joined: CitationRun[] = [];
  for (const run of runs) {
    const last = joined[joined.length - 1];
    if (last && runProperties(last) === runProperties(run)) last.text += run.text;
    else joined.push({ ...run });
  }
  return joined
    .map((run) => {
      const text = escapeXml(oneLineRun(run.text));
      if (!text) return '';
      const properties = runProperties(run);
      return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
    })
    .join('');
}

function runProperties(run: CitationRun): string {
  return (
    (run.bold ? '<w:b/>' : '') +
    (run.italic ? '<w:i/>' : '') +
    (run.smallCaps ? '<w:smallCaps/>' : '') +
    (run.superscript ? '<w:vertAlign w:val="superscript"/>' : run.subscript ? '<w:vertAlign w:val="subscript"/>' : '')
  );
}

/** oneLine for a piece of a line: runs of spaces folded, but the piece's edge spaces kept. */
export function oneLineRun(text: string): string {
  return stripXmlInvalid(text).replace(/[ \t\n\r\u2028\u2029]+/g, ' ');
}

/**
 * docx's settings part plus the footnote and endnote properties naming the separator notes
 * (ids -1 and 0), as Word and pandoc write them; in CT_Settings they come just before w:compat.
 */
export function settingsXml(evenAndOddHeaders = false): string {
  return (
    DECLARATION +
    `<w:settings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w="${W_NAMESPACE}"` +
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"' +
    ' xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">' +
    '<w:displayBackgroundShape/><w:defaultTabStop w:val="720"/>' +
    `<w:evenAndOddHeaders w:val="${evenAndOddHeaders}"/>` +
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' +
    '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>' +
    '<w:compat><w:compatSetting w:val="15" w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"/>' +
    '</w:compat></w:settings>'
  );
}

/** Briefs have no endnotes, but Word expects the part with clean separators since docx declares it. */
export function endnotesXml(): string {
  return `${DECLARATION}<w:endnotes xmlns:w="${W_NAMESPACE}">${separators('endnote')}</w:endnotes>`;
}

/**
 * For strings Word shows on one line (title, quotation, citation): XML-safe, line breaks and runs
 * of spaces folded. No-break spaces stay: French typography puts them inside « » and before « : ».
 */
export function oneLine(text: string): string {
  return stripXmlInvalid(text)
    .replace(/[ \t\n\r\u2028\u2029]+/g, ' ')
    .replace(/^ | $/g, '');
}

const NUMBERING_LEVELS = 9;
const BULLETS = ['●', '○', '■', '●', '○', '■', '●', '●', '●'];
const NUMBER_FORMATS = ['decimal', 'lowerLetter', 'lowerRoman'];

/**
 * The numbering part for the body's lists (docxBlocks.ts): numId 1 is the bullets, numIds 2 to
 * numberedLists + 1 each a numbered list starting at 1 (Word continues a numId's count across
 * the document, so each list has its own). Indents as Word's default lists: half an inch a level.
 */
export function numberingXml(
  numberedLists: number,
  /** A template's own list formats (wordReference.ts), in place of ours. */
  lists: { bullet: string | null; number: string | null } = { bullet: null, number: null },
): string {
  const level = (ilvl: number, format: string, text: string) =>
    `<w:lvl w:ilvl="${ilvl}" w:tentative="1"><w:start w:val="1"/><w:numFmt w:val="${format}"/>` +
    `<w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/>` +
    `<w:pPr><w:ind w:left="${720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
  const abstract = (id: number, levels: (ilvl: number) => string, theirs: string | null) =>
    `<w:abstractNum w:abstractNumId="${id}" w15:restartNumberingAfterBreak="0">` +
    (theirs ??
      `<w:multiLevelType w:val="hybridMultilevel"/>${Array.from({ length: NUMBERING_LEVELS }, (_, i) => levels(i)).join('')}`) +
    '</w:abstractNum>';
  const restart = Array.from(
    { length: NUMBERING_LEVELS },
    (_, i) => `<w:lvlOverride w:ilvl="${i}"><w:startOverride w:val="1"/></w:lvlOverride>`,
  ).join('');
  const nums = [
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
  ];
  for (let k = 0; k < numberedLists; k++)
    nums.push(`<w:num w:numId="${k + 2}"><w:abstractNumId w:val="2"/>${restart}</w:num>`);
  return (
    DECLARATION +
    `<w:numbering xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w="${W_NAMESPACE}"` +
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"' +
    ' xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">' +
    abstract(1, (i) => level(i, 'bullet', BULLETS[i]!), lists.bullet) +
    abstract(2, (i) => level(i, NUMBER_FORMATS[i % 3]!, `%${i + 1}.`), lists.number) +
    `${nums.join('')}</w:numbering>`
  );
}
