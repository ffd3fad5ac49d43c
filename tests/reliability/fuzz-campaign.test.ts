// bad input: parseCampaign never throws and always explains itself, whatever a campaign file holds
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parseCampaign } from "../../src/core/index.js";
import { scaled, timeoutFor } from "./soak.js";

const valid: Record<string, unknown> = JSON.parse(readFileSync(new URL("../../examples/campaigns/tet.json", import.meta.url), "utf8"));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** every path into a JSON document, for mutations that reach deep fields such as prizes[3].codes[7] */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(doc)) for (const [i, v] of doc.entries()) out.push(...paths(v, [...prefix, i]));
  else if (doc && typeof doc === "object") for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}
const allPaths = paths(valid as Json).filter((p) => p.length > 0);

type Mutation = { path: (string | number)[]; kind: "set" | "delete" | "add"; value: unknown; key: string };

function mutate(doc: Record<string, unknown>, mutations: Mutation[]): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  for (const m of mutations) {
    let parent: any = copy;
    for (const key of m.path.slice(0, -1)) {
      if (parent === null || typeof parent !== "object") break;
      parent = parent[key];
    }
    if (parent === null || typeof parent !== "object") continue;
    const last = m.path.at(-1)!;
    // own data properties, as JSON.parse makes them: "__proto__" stays a key instead of swapping the prototype
    const put = (key: PropertyKey, value: unknown) => {
      // an array's own "length" cannot be redefined; JSON could not express that mutation either
      if (Array.isArray(parent) && key === "length") return;
      Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
    };
    // values are copied in: a later mutation must not reach into an earlier one through a shared object
    if (m.kind === "set") put(last, structuredClone(m.value));
    else if (m.kind === "add") put(m.key, structuredClone(m.value));
    else if (Array.isArray(parent)) {
      // rebuilt by hand: splice would consult a fuzzed "constructor" key
      const rest = Array.from(parent).filter((_, i) => i !== Number(last));
      parent.length = 0;
      parent.push(...rest);
    } else delete parent[last];
  }
  return copy;
}

// values that have broken parsers before: wrong types, huge and odd numbers, lookalike keys
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1,
    2 ** 53,
    0.1,
    "",
    " ",
    "\u0000",
    "__proto__",
    "constructor",
    "x".repeat(100_000),
  ),
  fc.string({ unit: "binary" }),
  fc.nat(30).map((n) => Array.from({ length: n }, () => ({}))),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...allPaths),
  kind: fc.constantFrom("set", "delete", "add"),
  value: nasty,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype", "toString", "weight ", "Weight")),
});

// a third each: near-valid documents, arbitrary values, and text that may or may not be JSON
const input = fc.oneof(
  fc.array(mutation, { minLength: 1, maxLength: 6 }).map((ms) => mutate(valid, ms)),
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.oneof(
    fc.string({ unit: "binary" }),
    fc.array(mutation, { maxLength: 4 }).map((ms) => JSON.stringify(mutate(valid, ms))),
    fc.array(mutation, { maxLength: 4 }).map((ms) => JSON.stringify(mutate(valid, ms)).slice(0, 200)),
  ),
);

describe("parseCampaign under fuzzing", () => {
  it(
    "never throws and answers ok with a campaign or with located, readable issues",
    () => {
      const seen = { ok: 0, rejected: 0 };
      fc.assert(
        fc.property(input, (doc) => {
          const result = parseCampaign(doc);
          seen[result.ok ? "ok" : "rejected"]++;
          if (result.ok) {
            expect(result.campaign.prizes.length).toBeGreaterThan(0);
            expect(result.issues).toEqual([]);
          } else {
            expect(result.issues.length).toBeGreaterThan(0);
            for (const issue of result.issues) {
              expect(typeof issue.path).toBe("string");
              expect(issue.message).toMatch(/\S/);
              // a message is a sentence for a person, not an object dump
              expect(issue.message).not.toContain("[object Object]");
            }
          }
        }),
        { numRuns: scaled(10_000) },
      );
      // both answers were exercised: the mutations keep some documents valid
      expect(seen.ok).toBeGreaterThan(0);
      expect(seen.rejected).toBeGreaterThan(0);
    },
    timeoutFor(120_000),
  );

  it("never lets a document pollute Object.prototype", () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), fc.string({ maxLength: 8 }), (ms, key) => {
        const text = JSON.stringify(mutate(valid, ms)).replace(/^\{/, `{"__proto__":{"polluted${JSON.stringify(key).slice(1, -1)}":1},`);
        parseCampaign(text);
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>)[`polluted${key}`]).toBeUndefined();
      }),
      { numRuns: scaled(2_000) },
    );
  });

  it("accepts the example campaign itself, so the mutations start from a valid document", () => {
    expect(parseCampaign(valid).ok).toBe(true);
  });
});
