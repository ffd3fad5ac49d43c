// just enough PNG decoding for screencast frames (8-bit RGB/RGBA, no interlace): no image library is installed
import { inflateSync } from "node:zlib";

export type Image = { width: number; height: number; channels: number; pixels: Uint8Array };

/** decode an 8-bit, non-interlaced RGB or RGBA PNG */
export function decodePng(png: Uint8Array): Image {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < view.length; ) {
    const length = view.readUInt32BE(at);
    const type = view.toString("latin1", at + 4, at + 8);
    const data = view.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const color = data[9];
      if (depth !== 8 || (color !== 2 && color !== 6) || data[12] !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour ${color})`);
      channels = color === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const cur = raw[src + x]!;
      const a = x >= channels ? pixels[row + x - channels]! : 0;
      const b = y > 0 ? pixels[row - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[row - stride + x - channels]! : 0;
      let v = cur;
      if (filter === 1) v = cur + a;
      else if (filter === 2) v = cur + b;
      else if (filter === 3) v = cur + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = cur + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      pixels[row + x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

export type Region = { x: number; y: number; width: number; height: number };

/** number of pixels inside `region` that differ between two frames of the same size */
export function changedPixels(a: Image, b: Image, region: Region): number {
  if (a.width !== b.width || a.height !== b.height) return region.width * region.height;
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(a.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(a.height, Math.ceil(region.y + region.height));
  let changed = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * a.channels;
      // a small tolerance absorbs encoder noise; a moving segment edge changes far more than this
      if (
        Math.abs(a.pixels[i]! - b.pixels[i]!) > 8 ||
        Math.abs(a.pixels[i + 1]! - b.pixels[i + 1]!) > 8 ||
        Math.abs(a.pixels[i + 2]! - b.pixels[i + 2]!) > 8
      ) {
        changed++;
      }
    }
  }
  return changed;
}
