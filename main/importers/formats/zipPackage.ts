import { Inflate, inflateSync } from 'fflate';
import { ImportFailure } from '../importFailure';

/**
 * Reads the directory of a ZIP package (a .docx is one) and proves it safe to expand before any
 * other library opens it. A zip bomb declares small sizes and inflates to gigabytes, or lists
 * thousands of entries that share one compressed block; so entries are counted from the central
 * directory and every entry is really inflated, in small steps, with the running total capped.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the only two methods Office writes. */
  method: number;
  compressedSize: number;
  dataStart: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
// Small steps bound what one push can inflate to (deflate expands at most ~1032:1).
const INFLATE_STEP = 4096;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The package's entries, after checking the count and the true expanded size against `limits`. */
export function checkZipPackage(bytes: Uint8Array, limits: ZipLimits, what: string): ZipEntry[] {
  const entries = readDirectory(bytes, limits, what);
  let budget = limits.maxUncompressedBytes;
  try {
    for (const entry of entries) budget -= inflatedSize(bytes, entry, budget, what);
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
    const limit = Math.round(limits.maxUncompressedBytes / (1024 * 1024));
    throw new ImportFailure(`${what} expands to more than ${limit} MB when unpacked: it may be a zip bomb`);
  }
  return entries;
}

/** One entry's bytes; only for packages `checkZipPackage` accepted. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  return entry.method === 0 ? data : inflateSync(data);
}

function readDirectory(bytes: Uint8Array, limits: ZipLimits, what: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (detail: string) => new ImportFailure(`${what} is damaged (${detail})`);
  const end = findEndOfDirectory(view);
  if (end < 0) throw damaged('its ZIP directory is missing: the file may be cut short');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === ZIP64_MARKER) throw damaged('it uses ZIP64, which Office never needs');
  if (count > limits.maxEntries) {
    throw new ImportFailure(
      `${what} has too many parts (${count}; the limit is ${limits.maxEntries}): it may be a zip bomb`,
    );
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw damaged('its ZIP directory is corrupt');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressedSize === ZIP64_MARKER || localOffset === ZIP64_MARKER)
      throw damaged('it uses ZIP64, which Office never needs');
    if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_HEADER) {
      throw damaged(`part ${name} cannot be found`);
    }
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > view.byteLength) throw damaged(`part ${name} is cut short`);
    if (method !== 0 && method !== 8) throw damaged(`part ${name} uses compression method ${method}`);
    entries.push({ name, method, compressedSize, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-directory record sits in the last 64 KiB (after an optional comment). */
function findEndOfDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

class OverBudget extends Error {}

/** How many bytes an entry really inflates to; throws OverBudget as soon as that passes `budget`. */
function inflatedSize(bytes: Uint8Array, entry: ZipEntry, budget: number, what: string): number {
  if (entry.method === 0) {
    if (entry.compressedSize > budget) throw new OverBudget();
    return entry.compressedSize;
  }
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > budget) throw new OverBudget();
  });
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      inflater.push(data.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= data.length);
    }
  } catch (error) {
    if (error instanceof OverBudget) throw error;
    throw new ImportFailure(`${what} is damaged (part ${entry.name} cannot be decompressed)`);
  }
  return size;
}
