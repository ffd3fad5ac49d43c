// the screencast frame decoder behind the smoothness benchmark: a wrong decoder would count frames wrongly
import { describe, expect, it } from "vitest";
import { deflateSync } from "node:zlib";
import { changedPixels, decodePng } from "../../bench/lib/png.js";

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** encode RGBA pixels, using every PNG row filter in turn so the decoder meets all five */
function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const cur = rgba[y * stride + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + x] = (cur - predicted) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function noise(width: number, height: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe("decodePng", () => {
  it("reads back every pixel through all five row filters", () => {
    const pixels = noise(23, 17, 7);
    const image = decodePng(encodePng(23, 17, pixels));
    expect(image).toMatchObject({ width: 23, height: 17, channels: 4 });
    expect(Buffer.from(image.pixels).equals(Buffer.from(pixels))).toBe(true);
  });

  it("refuses formats it cannot read instead of misreading them", () => {
    const png = encodePng(2, 2, noise(2, 2, 1));
    png[8 + 8 + 8] = 16; // bit depth 16 in IHDR
    expect(() => decodePng(png)).toThrow(/unsupported PNG/);
  });
});

describe("changedPixels", () => {
  it("counts changes inside the region only, above the encoder-noise tolerance", () => {
    const a = noise(20, 20, 3);
    const b = Uint8Array.from(a);
    const set = (x: number, y: number, delta: number) => (b[(y * 20 + x) * 4] = (a[(y * 20 + x) * 4]! + delta) & 0xff);
    set(2, 2, 100); // inside, visible
    set(3, 3, 3); // inside, noise
    set(15, 15, 100); // outside
    const region = { x: 0, y: 0, width: 10, height: 10 };
    const imgA = decodePng(encodePng(20, 20, a));
    const imgB = decodePng(encodePng(20, 20, b));
    expect(changedPixels(imgA, imgB, region)).toBe(1);
    expect(changedPixels(imgA, imgA, region)).toBe(0);
  });
});
