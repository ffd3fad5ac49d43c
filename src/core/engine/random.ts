// randomness for draws: crypto in production, a seeded generator for tests and simulations
import type { Random } from "./types.js";

const TWO_26 = 67_108_864;
const TWO_53 = 9_007_199_254_740_992;
const BUFFER_WORDS = 256; // one getRandomValues call per 128 draws

type CryptoLike = { getRandomValues<T extends ArrayBufferView>(array: T): T };

let buffer: Uint32Array | undefined;
let cursor = BUFFER_WORDS;

function nextWord(): number {
  if (cursor >= BUFFER_WORDS) {
    const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
    if (!crypto?.getRandomValues) throw new Error("minigame-sdk: globalThis.crypto.getRandomValues is not available in this runtime");
    buffer ??= new Uint32Array(BUFFER_WORDS);
    crypto.getRandomValues(buffer);
    cursor = 0;
  }
  return buffer![cursor++]!;
}

/** 53 random bits as a float in [0, 1): 27 high bits of `a` and 26 of `b`, every value equally likely */
function toUnit(a: number, b: number): number {
  return ((a >>> 5) * TWO_26 + (b >>> 6)) / TWO_53;
}

/**
 * The default Random: uniform in [0, 1) with 53 bits from `crypto.getRandomValues`, never a non-cryptographic generator.
 * @example const r = cryptoRandom(); // 0.7310585786300049
 */
export function cryptoRandom(): number {
  return toUnit(nextWord(), nextWord());
}

/**
 * A reproducible Random (sfc32, 53-bit floats) for tests and simulations; not for real prizes.
 * sfc32 passes PractRand and BigCrush and is tiny, which is why it was picked over a Mersenne Twister.
 * @example const random = createSeededRandom("tet-2027"); random(); // same sequence on every run
 */
export function createSeededRandom(seed: number | string): Random {
  let [a, b, c, d] = seedWords(seed);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next(); // mix away weak seeds such as 0
  return () => toUnit(next(), next());
}

/** four 32-bit words from a number (splitmix32) or a string (cyrb128 hash) */
function seedWords(seed: number | string): [number, number, number, number] {
  if (typeof seed === "number") {
    let s = Math.floor(seed) | 0;
    const hi = Math.floor(seed / 4_294_967_296) | 0; // keeps seeds above 2^32 distinct
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s ^ (s >>> 16);
      z = Math.imul(z, 0x21f0aaad);
      z ^= z >>> 15;
      z = Math.imul(z, 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    return [split(), split() ^ hi, split(), split()];
  }
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/**
 * A uniform integer in [0, n) with no modulo bias: 53-bit draws above the last whole multiple of n are rejected.
 * @example randomInt(cryptoRandom, 6) // a fair die roll minus one
 */
export function randomInt(random: Random, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_53) throw new RangeError(`randomInt: n must be a whole number from 1 to 2^53, got ${n}`);
  const limit = TWO_53 - (TWO_53 % n);
  for (;;) {
    const k = Math.floor(random() * TWO_53);
    if (k < limit) return k % n;
  }
}
