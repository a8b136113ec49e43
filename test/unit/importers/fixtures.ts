import { deflateSync } from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { Zip, ZipDeflate, zipSync } from 'fflate';

/**
 * Files the importer tests need, generated rather than checked in: a PDF written by hand (so
 * every byte is known), Word documents made with the `docx` package, and hostile ZIP packages.
 */

export interface PdfPage {
  /** Lines of text, top to bottom; a line of `''` leaves a paragraph gap. */
  lines: string[];
  /** Type size per line index, for headings (default 11). */
  sizes?: Record<number, number>;
  /** A greyscale image painted over the whole page first, as a scanner would (lines then stamp it). */
  scan?: { width: number; height: number; grey: Uint8Array };
}

/** A minimal valid PDF (Helvetica, WinAnsi text) with a correct cross-reference table. */
export function buildPdf(pages: PdfPage[], info: Record<string, string> = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    let y = 740;
    let stream = page.scan ? 'q 612 0 0 792 0 0 cm /Im1 Do Q\n' : '';
    let xobject = '';
    if (page.scan) {
      const data = deflateSync(page.scan.grey).toString('latin1');
      add(
        `<< /Type /XObject /Subtype /Image /Width ${page.scan.width} /Height ${page.scan.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream`,
      );
      xobject = ` /XObject << /Im1 ${objects.length} 0 R >>`;
    }
    stream += 'BT\n';
    page.lines.forEach((line, i) => {
      const size = page.sizes?.[i] ?? 11;
      if (line !== '') stream += `/F1 ${size} Tf 1 0 0 1 72 ${y} Tm (${escapePdf(line)}) Tj\n`;
      y -= line === '' ? 10 : size + 3;
    });
    stream += 'ET';
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const contents = objects.length;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>${xobject} >> /Contents ${contents} 0 R >>`,
    );
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const infoEntries = Object.entries(info).map(([key, value]) => `/${key} (${escapePdf(value)})`);
  add(`<< ${infoEntries.join(' ')} >>`);
  const infoId = objects.length;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

export interface DocxContent {
  title?: string;
  creator?: string;
  paragraphs: ({ heading: 1 | 2; text: string } | string)[];
}

export async function buildDocx(content: DocxContent): Promise<Buffer> {
  const doc = new Document({
    ...(content.title ? { title: content.title } : {}),
    ...(content.creator ? { creator: content.creator } : {}),
    sections: [
      {
        children: content.paragraphs.map((p) =>
          typeof p === 'string'
            ? new Paragraph({ children: [new TextRun(p)] })
            : new Paragraph({
                text: p.text,
                heading: p.heading === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
              }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A .docx-looking ZIP whose one part inflates to `megabytes` of zeros, streamed so the test stays small. */
export function buildZipBomb(megabytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      chunks.push(chunk);
      if (final) resolve(Buffer.concat(chunks));
    });
    const types = new ZipDeflate('[Content_Types].xml', { level: 6 });
    zip.add(types);
    types.push(new TextEncoder().encode('<?xml version="1.0"?><Types/>'), true);
    const bomb = new ZipDeflate('word/document.xml', { level: 9 });
    zip.add(bomb);
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < megabytes; i++) bomb.push(zeros, i === megabytes - 1);
    zip.end();
  });
}

/** A ZIP with thousands of tiny parts: the other shape of zip bomb. */
export function buildManyPartZip(parts: number): Uint8Array {
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': new TextEncoder().encode('<Types/>') };
  for (let i = 0; i < parts; i++) files[`word/part${i}.xml`] = new Uint8Array([0x3c, 0x61, 0x2f, 0x3e]);
  return zipSync(files);
}
