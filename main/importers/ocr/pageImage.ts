/** A page's scanned image as greyscale pixels, and how it sits on the page. */
export interface PageImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom. */
  grey: Uint8Array;
}

// pdf.js's ImageKind: how decoded image data is laid out.
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/**
 * The largest image a page paints: on a scanned page, the page itself. pdf.js decodes images in
 * its worker and hands the pixels over in `page.objs`; nothing is rendered, so no canvas is needed.
 * Null when the page paints no image pdf.js could decode.
 */
export async function largestPageImage(
  page: {
    getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
    objs: { get(id: string, callback: (value: unknown) => void): void; has(id: string): boolean };
    commonObjs: { get(id: string, callback: (value: unknown) => void): void; has(id: string): boolean };
  },
  paintImage: number,
): Promise<PageImage | null> {
  const operators = await page.getOperatorList();
  let best: DecodedImage | null = null;
  for (let i = 0; i < operators.fnArray.length; i++) {
    if (operators.fnArray[i] !== paintImage) continue;
    const id = operators.argsArray[i]?.[0];
    if (typeof id !== 'string') continue;
    // Images used on several pages are kept in commonObjs; the rest in the page's own objs.
    const store = id.startsWith('g_') ? page.commonObjs : page.objs;
    const image = (await new Promise<unknown>((resolve) => store.get(id, resolve))) as DecodedImage | null;
    if (!image?.data || !image.width || !image.height) continue;
    if (!best || image.width * image.height > best.width * best.height) best = image;
  }
  return best ? toGrey(best) : null;
}

function toGrey(image: DecodedImage): PageImage | null {
  const { width, height, data } = image;
  const grey = new Uint8Array(width * height);
  if (image.kind === RGB_24BPP || image.kind === RGBA_32BPP) {
    const step = image.kind === RGB_24BPP ? 3 : 4;
    for (let p = 0, i = 0; p < grey.length; p++, i += step) {
      // Integer luma (ITU-R 601): close enough for text, and fast.
      grey[p] = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29) >> 8;
    }
  } else if (image.kind === GRAYSCALE_1BPP) {
    // One bit per pixel, rows padded to a byte; a set bit is white.
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        grey[y * width + x] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      }
    }
  } else {
    return null;
  }
  return { width, height, grey };
}

/** The image as a binary PGM (P5) file, which Tesseract's Leptonica reads without any codec. */
export function toPgm(image: PageImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const file = new Uint8Array(header.length + image.grey.length);
  file.set(header);
  file.set(image.grey, header.length);
  return file;
}
