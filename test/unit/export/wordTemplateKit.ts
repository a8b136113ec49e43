import { strToU8, zipSync } from 'fflate';

// A department's Word template as Word writes one, built part by part so the tests know exactly
// what it holds: A4 landscape with 2 cm / 2.5 cm margins, a Georgia body, French Word's style
// ids ("Titre1" for heading 1), a header with the department's name and logo, a footer line.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const A4_LANDSCAPE = { width: 16_838, height: 11_906, top: 1_134, side: 1_417 };
export const DEPARTMENT = 'Department of Examples';
export const FOOTER_LINE = 'For internal use';
// A 1×1 transparent PNG.
const LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const TEMPLATE_STYLES =
  `${DECL}<w:styles xmlns:w="${W}" xmlns:r="${R}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:sz w:val="24"/>' +
  '<w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>' +
  '<w:next w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>' +
  '<w:rPr><w:color w:val="26374A"/><w:sz w:val="36"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>' +
  '<w:rPr><w:smallCaps/><w:sz w:val="40"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>' +
  '<w:rPr><w:sz w:val="18"/></w:rPr></w:style>' +
  '</w:styles>';

function templateFiles(mainType: string, document = true): Record<string, Uint8Array> {
  const { width, height, top, side } = A4_LANDSCAPE;
  const body =
    `${DECL}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body><w:p><w:r><w:t>Modèle</w:t></w:r></w:p>` +
    '<w:sectPr><w:headerReference w:type="default" r:id="rId10"/><w:footerReference w:type="default" r:id="rId11"/>' +
    `<w:pgSz w:w="${width}" w:h="${height}" w:orient="landscape"/>` +
    `<w:pgMar w:top="${top}" w:right="${side}" w:bottom="${top}" w:left="${side}" w:header="567" w:footer="567" w:gutter="0"/>` +
    '</w:sectPr></w:body></w:document>';
  const header =
    `${DECL}<w:hdr xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
    `<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>${DEPARTMENT}</w:t></w:r></w:p></w:hdr>`;
  const footer = `${DECL}<w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:r><w:t>${FOOTER_LINE}</w:t></w:r></w:p></w:ftr>`;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
  return {
    '[Content_Types].xml': strToU8(
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>' +
        `<Override PartName="/word/document.xml" ContentType="${mainType}"/>` +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${DECL}<Relationships xmlns="${REL_NS}">${rel('rId1', 'officeDocument', 'word/document.xml')}</Relationships>`,
    ),
    ...(document ? { 'word/document.xml': strToU8(body) } : {}),
    'word/_rels/document.xml.rels': strToU8(
      `${DECL}<Relationships xmlns="${REL_NS}">${rel('rId1', 'styles', 'styles.xml')}` +
        `${rel('rId10', 'header', 'header1.xml')}${rel('rId11', 'footer', 'footer1.xml')}</Relationships>`,
    ),
    'word/styles.xml': strToU8(TEMPLATE_STYLES),
    'word/header1.xml': strToU8(header),
    'word/_rels/header1.xml.rels': strToU8(
      `${DECL}<Relationships xmlns="${REL_NS}">${rel('rId1', 'image', 'media/logo.png')}</Relationships>`,
    ),
    'word/media/logo.png': new Uint8Array(LOGO),
    'word/footer1.xml': strToU8(footer),
  };
}

const DOCUMENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const TEMPLATE_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml';

// One fixed time in every entry, so the same template is the same bytes in every call (as a file
// chosen twice is): zipSync would stamp the wall clock.
const SAVED = { mtime: new Date('2024-01-01T00:00:00Z') };

/** The template saved as a .docx, or as a .dotx (same parts, the template's main content type). */
export function departmentTemplate(kind: 'docx' | 'dotx' = 'docx'): Uint8Array {
  return zipSync(templateFiles(kind === 'dotx' ? TEMPLATE_TYPE : DOCUMENT_TYPE), SAVED);
}

/** A zip that looks like a template but has no main document part. */
export function templateWithoutDocument(): Uint8Array {
  return zipSync(templateFiles(DOCUMENT_TYPE, false), SAVED);
}
