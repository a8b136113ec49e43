// docx zips with fflate and stamps every entry with the wall clock (DOS time, local zone), so two
// exports of one brief would differ in bytes that say nothing about the document. The stamps are
// rewritten in place: cheaper than unzipping and zipping again, and nothing else moves.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

// 1980-01-01 00:00, the earliest DOS date: what reproducible-build zips conventionally carry.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Sets every entry's modification time, in both the local headers and the central directory, to
 * one fixed date. Returns the same buffer. Throws on a zip it does not understand rather than
 * corrupting it (docx writes neither zip64 nor data descriptors, so that would be a docx change).
 */
export function normaliseZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndOfCentralDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let central = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(central, true) !== CENTRAL_HEADER) throw new Error('zip: bad central directory entry');
    stamp(view, central + 12);
    const local = view.getUint32(central + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error('zip: bad local header offset');
    stamp(view, local + 10);
    const nameLength = view.getUint16(central + 28, true);
    const extraLength = view.getUint16(central + 30, true);
    const commentLength = view.getUint16(central + 32, true);
    central += 46 + nameLength + extraLength + commentLength;
  }
  return zip;
}

function stamp(view: DataView, at: number): void {
  view.setUint16(at, DOS_TIME, true);
  view.setUint16(at + 2, DOS_DATE, true);
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('zip: no end of central directory record');
}
