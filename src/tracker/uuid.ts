// UUID v7 (RFC 9562): time-ordered, so the collector's index on id stays append-friendly

/** uniform in [0, 1) from crypto.getRandomValues, Math.random only where crypto is missing */
export function cryptoRandom(): number {
  const c = globalThis.crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
  return Math.random();
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

// RFC 9562 §6.2 method 1: rand_a is a counter within one millisecond, so ids made in the same ms still sort and differ
let lastMs = -1;
let counter = 0;

/**
 * A UUID v7 from a millisecond clock and a [0, 1) random source.
 * @example uuidv7(Date.now(), Math.random) // "0192f5e4-7b1a-7c3d-9e8f-0123456789ab"
 */
export function uuidv7(ms: number, random: () => number): string {
  const t = Math.max(0, Math.floor(ms));
  const bytes = Array.from({ length: 8 }, () => Math.floor(random() * 256) & 0xff);
  // a fresh millisecond seeds the counter in its lower half, leaving room to count up
  counter = t === lastMs ? (counter + 1) & 0xfff : Math.floor(random() * 0x800);
  lastMs = t;
  const time = hex(t, 12).slice(-12);
  const randB = hex(0x8000 | (((bytes[0]! << 8) | bytes[1]!) & 0x3fff), 4);
  const tail = bytes
    .slice(2)
    .map((b) => hex(b, 2))
    .join("");
  return `${time.slice(0, 8)}-${time.slice(8)}-${hex(0x7000 | counter, 4)}-${randB}-${tail}`;
}
