/**
 * What a file's first bytes say it is, whatever its name says. Used to explain a refusal in the
 * analyst's terms ("this .pdf is really plain text") rather than with a parser's error.
 */
export type ContentKind = 'pdf' | 'zip' | 'old-office' | 'image' | 'text' | 'binary';

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

export function sniffContent(bytes: Uint8Array): ContentKind {
  const head = bytes.subarray(0, 1024);
  if (new TextDecoder('latin1').decode(head).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'old-office';
  if (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    startsWith(bytes, 0xff, 0xd8, 0xff) ||
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38)
  ) {
    return 'image';
  }
  return looksLikeText(bytes.subarray(0, 8192)) ? 'text' : 'binary';
}

export function describeContent(kind: ContentKind): string {
  switch (kind) {
    case 'pdf':
      return 'a PDF';
    case 'zip':
      return 'a ZIP archive';
    case 'old-office':
      return 'an old-style Office file (.doc/.xls/.ppt)';
    case 'image':
      return 'an image';
    case 'text':
      return 'plain text';
    default:
      return 'binary data';
  }
}

function looksLikeText(sample: Uint8Array): boolean {
  if (sample.length === 0) return false;
  if (startsWith(sample, 0xff, 0xfe) || startsWith(sample, 0xfe, 0xff)) return true;
  if (sample.includes(0)) return false;
  // A multi-byte character may be cut at the end of the sample; non-fatal decoding tolerates it.
  const decoded = new TextDecoder('utf-8').decode(sample);
  const replaced = decoded.match(/\uFFFD/g)?.length ?? 0;
  return replaced <= 2;
}
