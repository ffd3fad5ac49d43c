// parseCampaign never throws, whatever it is given, and accepts every campaign that follows the rules
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCampaign, formatIssue, type ParseResult } from "./index.js";

/** every failure is a list of readable issues; none comes from an internal exception */
function expectWellFormed(r: ParseResult) {
  expect(typeof r.ok).toBe("boolean");
  if (r.ok) return;
  expect(r.issues.length).toBeGreaterThan(0);
  for (const issue of r.issues) {
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/^could not be read/);
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ZONES = ["UTC", "Asia/Ho_Chi_Minh", "Europe/Paris", "America/New_York", "Australia/Adelaide", "Asia/Kathmandu"];
const label = (max: number) => fc.string({ minLength: 1, maxLength: max });

/** a schedule whose end is after its start, written with an offset */
const scheduleArb = fc
  .tuple(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 60_000, max: 90 * 86_400_000 }))
  .map(([start, length]) => ({
    startsAt: new Date(start).toISOString().replace(/\.\d{3}Z$/, "Z"),
    endsAt: new Date(start + length).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
  }));

/** winning prizes with unique ids, each maybe limited, plus an unlimited losing fallback */
const prizesArb = (min: number, max: number) =>
  fc.uniqueArray(fc.stringMatching(ID), { minLength: min, maxLength: max, selector: (s) => s.toLowerCase() }).chain((ids) =>
    fc.tuple(
      ...ids.map((id, i) =>
        fc
          .record(
            {
              id: fc.constant(id),
              label: label(80),
              weight: i === 0 ? fc.double({ min: 0.001, max: 1000, noNaN: true }) : fc.double({ min: 0, max: 1000, noNaN: true }),
              stock: fc.nat({ max: 10_000 }),
              dailyCap: fc.nat({ max: 500 }),
              value: fc.double({ min: 0, max: 1e7, noNaN: true }),
              color: fc.constantFrom("#d62828", "#fff", "rgb(1, 2, 3)", "gold"),
              // codes carry the prize index, so they are unique across prizes
              codes: fc.integer({ min: 1, max: 5 }).map((n) => Array.from({ length: n }, (_, j) => `P${i}-${j}`)),
            },
            { requiredKeys: ["id", "label", "weight"] },
          )
          .map((p) => (p.codes && p.stock !== undefined ? { ...p, stock: Math.min(p.stock, p.codes.length) } : p)),
      ),
    ),
  );

const baseArb = fc.record(
  {
    id: fc.stringMatching(ID),
    title: label(120),
    locale: fc.constantFrom("vi", "en"),
    timezone: fc.constantFrom(...ZONES),
    limits: fc.record({
      perVisitor: fc.record({ total: fc.integer({ min: 1, max: 10 }), perDay: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: [] }),
      cooldownSeconds: fc.nat({ max: 3600 }),
    }),
    requireLead: fc.boolean(),
    mode: fc.constantFrom("client", "server"),
    onStockOut: fc.constantFrom("fallback", "renormalize"),
    testMode: fc.boolean(),
    schedule: scheduleArb,
  },
  { requiredKeys: ["id", "mode"] },
);

/** client mode keeps nothing scarce: its prizes lose stock, caps and pools, and winners get one shared code */
const honest = <C extends { mode: string; prizes: Record<string, unknown>[] }>(c: C): C =>
  c.mode === "server"
    ? c
    : {
        ...c,
        prizes: c.prizes.map(({ stock: _s, dailyCap: _d, codes, ...p }) => (codes && p.win !== false ? { ...p, code: "SHARED10" } : p)),
      };

const FALLBACK_ID = "none-fallback";
const fallback = () => ({ id: FALLBACK_ID, label: "Next time", weight: 1, win: false });

const wheelArb = fc.tuple(baseArb, prizesArb(1, 23), fc.boolean()).map(([base, prizes, even]) =>
  honest({
    ...base,
    game: "wheel",
    prizes: [...prizes, fallback()],
    fallbackPrizeId: FALLBACK_ID,
    ...(even && base.schedule ? { pacing: "even" } : {}),
  }),
);

const questionArb = (i: number) =>
  fc.integer({ min: 2, max: 8 }).chain((n) =>
    fc.oneof(
      fc.record({
        id: fc.constant(`q${i}`),
        text: label(500),
        choices: fc.constant(Array.from({ length: n }, (_, j) => `choice ${j}`)),
        answer: fc.nat({ max: n - 1 }),
      }),
      fc.record({
        id: fc.constant(`q${i}`),
        text: label(500),
        type: fc.constant("multiple"),
        choices: fc.constant(Array.from({ length: n }, (_, j) => `choice ${j}`)),
        answer: fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n }),
        points: fc.integer({ min: 1, max: 5 }),
      }),
    ),
  );

const scoreQuizArb = fc.tuple(baseArb, prizesArb(1, 10), fc.integer({ min: 1, max: 10 })).chain(([base, prizes, nq]) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: nq }, (_, i) => questionArb(i))),
      fc.subarray(
        prizes.map((p) => p.id),
        { minLength: 1 },
      ),
    )
    .map(([questions, tierPrizes]) =>
      honest({
        ...base,
        game: "quiz",
        prizes: [...prizes, fallback()],
        fallbackPrizeId: FALLBACK_ID,
        quiz: { mode: "score", questions, passScore: 1, prizeTiers: [{ minScore: 1, prizeIds: tierPrizes }] },
      }),
    ),
);

const outcomeQuizArb = fc.tuple(baseArb, prizesArb(2, 6), fc.integer({ min: 1, max: 6 })).chain(([base, prizes, nq]) => {
  const outcomes = prizes.map((p, i) => ({ id: `o${i}`, title: `Outcome ${i}`, prizeIds: [p.id] }));
  const question = (i: number) =>
    fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.array(fc.constantFrom(...outcomes.map((o) => o.id)), { minLength: n, maxLength: n }).map((choiceOutcomes) => ({
        id: `q${i}`,
        text: `Question ${i}`,
        choices: choiceOutcomes.map((_, j) => `choice ${j}`),
        choiceOutcomes,
      })),
    );
  return fc.tuple(...Array.from({ length: nq }, (_, i) => question(i))).map((questions) =>
    honest({
      ...base,
      game: "quiz",
      prizes: [...prizes, fallback()],
      fallbackPrizeId: FALLBACK_ID,
      quiz: { mode: "outcome", questions, outcomes },
    }),
  );
});

// thousands of runs each: give them room on a busy machine instead of the 5 s default
const FUZZ_TIMEOUT = 60_000;

describe("parseCampaign on arbitrary input", () => {
  it(
    "never throws on arbitrary JSON values",
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), (v) => expectWellFormed(parseCampaign(v))),
        { numRuns: 5000 },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    "never throws on arbitrary JavaScript values",
    () => {
      fc.assert(
        fc.property(
          fc.anything({
            withNullPrototype: true,
            withMap: true,
            withSet: true,
            withBigInt: true,
            withDate: true,
            withTypedArray: true,
            withSparseArray: true,
            withBoxedValues: true,
          }),
          (v) => expectWellFormed(parseCampaign(v)),
        ),
        {
          numRuns: 5000,
        },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    "never throws on arbitrary text",
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json()), (v) => expectWellFormed(parseCampaign(v))),
        { numRuns: 1000 },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    "never throws when any part of a valid campaign is replaced by arbitrary JSON",
    () => {
      // whole-document fuzzing rarely gets past the first check; this reaches every field and the cross-field rules
      const mutated = fc
        .tuple(wheelArb, fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }))
        .map(([original, edits]) => {
          const doc = structuredClone(original);
          for (const [pick, value] of edits) {
            const paths = leafPaths(doc);
            const path = paths[pick % paths.length]!;
            setAt(doc, path, value);
          }
          return doc;
        });
      fc.assert(
        fc.property(mutated, (doc) => expectWellFormed(parseCampaign(doc))),
        { numRuns: 2000 },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe("parseCampaign on generated valid campaigns", () => {
  for (const [name, arb] of [
    ["wheel", wheelArb],
    ["score quiz", scoreQuizArb],
    ["outcome quiz", outcomeQuizArb],
  ] as const) {
    it(
      `accepts every valid ${name}, as an object and as JSON text`,
      () => {
        fc.assert(
          fc.property(arb as fc.Arbitrary<Record<string, unknown>>, (doc) => {
            const r = parseCampaign(doc);
            if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
            expect(r.campaign.id).toBe(doc.id);
            expect(parseCampaign(JSON.stringify(doc)).ok).toBe(true);
          }),
          { numRuns: 300 },
        );
      },
      FUZZ_TIMEOUT,
    );
  }
});

type Path = (string | number)[];

function leafPaths(node: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(node)) for (const [i, v] of node.entries()) out.push(...leafPaths(v, [...at, i]));
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) out.push(...leafPaths(v, [...at, k]));
  return out;
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown) {
  if (path.length === 0) return;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}
