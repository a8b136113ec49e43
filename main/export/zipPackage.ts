import { Buffer } from 'node:buffer';
import { crc32, deflateRawSync } from 'node:zlib';

// The .docx package is zipped here rather than by docx (fflate, in JavaScript): zlib's native
// DEFLATE is several times faster on a long note's document.xml, and every entry gets one fixed
// date, so two exports of one brief differ only where core.xml says when they were made.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
// 1980-01-01 00:00, the earliest DOS date: what reproducible-build zips conventionally carry.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DEFLATE = 8;
const VERSION = 20;
// Level 6 is zlib's default: a level-1 package is about a third larger and saves little time.
const LEVEL = 6;
const UTF8_NAMES = 1 << 11;

/** A package's parts by path: XML as text, or bytes (images, parts read from a template). */
export type PackageParts = Record<string, string | Uint8Array>;

export function partText(parts: PackageParts, path: string): string {
  const part = parts[path];
  return part === undefined ? '' : typeof part === 'string' ? part : Buffer.from(part).toString('utf8');
}

/** Zips the package's parts, in their order, each deflated. No zip64: a brief is far below 4 GB. */
export function zipPackage(parts: PackageParts): Buffer {
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [path, part] of Object.entries(parts)) {
    const data = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const name = Buffer.from(path, 'utf8');
    const packed = deflateRawSync(data, { level: LEVEL });
    const checksum = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL_HEADER, 0);
    entry.writeUInt16LE(VERSION, 4);
    entry.writeUInt16LE(VERSION, 6);
    local.copy(entry, 8, 6, 30);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    chunks.push(local, name, packed);
    offset += local.length + name.length + packed.length;
    count++;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
