// a server-mode quiz over real HTTP: the draw's answer says passed or not (and an outcome quiz's outcome), never a
// score, so fresh visitors changing one answer at a time learn nothing per attempt; the stored draw keeps the score
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "./backends.js";
import { startServer, type TestServer } from "./server.js";

// storage is unchanged by this rule, so PGlite alone is enough
const pglite = BACKENDS.find((b) => b.name === "pglite")!;
const question = (id: string, answer: number) => ({ id, text: "?", choices: ["a", "b", "c", "d"], answer });
const scored = {
  id: "quiz",
  game: "quiz",
  mode: "server",
  limits: { perVisitor: { total: 1 }, cooldownSeconds: 0, perAddress: { perDay: 100_000 } },
  prizes: [
    { id: "phone", label: "Phone", weight: 1, stock: 5, codes: ["P1", "P2", "P3", "P4", "P5"] },
    { id: "none", label: "Thanks", weight: 1, win: false },
  ],
  fallbackPrizeId: "none",
  quiz: {
    questions: [question("q1", 2), question("q2", 3), question("q3", 0), question("q4", 1)],
    passScore: 4,
    prizeTiers: [{ minScore: 4, prizeIds: ["phone"] }],
  },
};
const outcome = {
  id: "personality",
  game: "quiz",
  mode: "server",
  limits: { perAddress: { perDay: 100_000 } },
  prizes: [
    { id: "phone", label: "Phone", weight: 1, stock: 3 },
    { id: "pen", label: "Pen", weight: 1 },
    { id: "none", label: "Thanks", weight: 1, win: false },
  ],
  fallbackPrizeId: "none",
  quiz: {
    mode: "outcome",
    passScore: 1,
    outcomes: [
      { id: "bold", title: "Bold", prizeIds: ["phone"] },
      { id: "calm", title: "Calm", prizeIds: ["pen"] },
    ],
    questions: [{ id: "q1", text: "?", choices: ["x", "y"], choiceOutcomes: ["calm", "bold"] }],
  },
};

type Answer = { ok: boolean; win: boolean; prize: { id: string } | null; code?: string; quiz?: Record<string, unknown> };

describe("a server-mode quiz draw's answer", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(pglite, {
      campaigns: [scored, outcome],
      limits: { ip: false, visitorDraws: false, mintsPerAddress: false },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** a fresh visitor's one attempt, as the script in the finding plays it */
  async function attempt(campaignId: string, answers: Record<string, number>, requestId = crypto.randomUUID()) {
    const v = await s.mint(campaignId);
    const res = await s.post(`/v1/campaigns/${campaignId}/draw`, {
      visitorId: v.visitorId,
      visitorToken: v.visitorToken,
      requestId,
      answers,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, body: JSON.parse(text) as Answer, visitor: v, requestId };
  }

  it("says a failed attempt failed and nothing more: no score, maxScore or prizeIds", async () => {
    const { text, body } = await attempt("quiz", { q1: 0, q2: 0, q3: 0, q4: 0 });
    expect(body).toMatchObject({ ok: true, win: false, prize: { id: "none" } });
    expect(body.quiz).toEqual({ passed: false });
    expect(text).not.toMatch(/score|maxScore|prizeIds/i);
  });

  it("reads the same for attempts one right answer apart, so changing one answer at a time teaches nothing", async () => {
    const base = { q1: 0, q2: 0, q3: 1, q4: 0 }; // q3 wrong, every other answer wrong too
    const oneRight = await attempt("quiz", { ...base, q1: 2 });
    const noneRight = await attempt("quiz", base);
    expect(oneRight.body.quiz).toEqual(noneRight.body.quiz);
    expect(oneRight.body.prize).toEqual(noneRight.body.prize);
  });

  it("says a pass passed, with the prize, and keeps the score in the collector's own record of the draw", async () => {
    const { text, body, requestId } = await attempt("quiz", { q1: 2, q2: 3, q3: 0, q4: 1 });
    expect(body).toMatchObject({ ok: true, win: true, prize: { id: "phone" }, quiz: { passed: true } });
    expect(body.quiz).toEqual({ passed: true });
    expect(text).not.toMatch(/score|prizeIds/i);
    const [row] = await s.db.query<{ result: Answer }>("SELECT result FROM draws WHERE campaign_id = 'quiz' AND draw_id = $1", [requestId]);
    expect(row!.result.quiz).toEqual({ score: 4, maxScore: 4, passed: true, prizeIds: ["phone"] });
  });

  it("answers a retried request id without the score either", async () => {
    const first = await attempt("quiz", { q1: 2, q2: 0, q3: 0, q4: 0 });
    const again = await s.post("/v1/campaigns/quiz/draw", {
      visitorId: first.visitor.visitorId,
      visitorToken: first.visitor.visitorToken,
      requestId: first.requestId,
      answers: { q1: 2, q2: 0, q3: 0, q4: 0 },
    });
    const text = await again.text();
    expect(JSON.parse(text)).toEqual(first.body);
    expect(text).not.toMatch(/score|prizeIds/i);
  });

  it("names an outcome quiz's outcome, which the visitor plays for, and nothing that counts votes", async () => {
    const { text, body } = await attempt("personality", { q1: 0 });
    expect(body.quiz).toEqual({ passed: true, outcomeId: "calm" });
    expect(text).not.toMatch(/score|prizeIds/i);
  });
});
