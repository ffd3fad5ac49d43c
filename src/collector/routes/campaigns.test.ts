import { expect, it } from "vitest";
import { parseCampaign } from "../../core/schema/index.js";
import { originAllowed } from "../app.js";
import { publicCampaign } from "./campaigns.js";

const doc = {
  id: "quiz-1",
  game: "quiz",
  mode: "server",
  prizes: [
    { id: "gift", label: "Gift", weight: 1, stock: 2, codes: ["A", "B"] },
    { id: "gen", label: "Generated", weight: 1, codeGenerator: { prefix: "G-" } },
    { id: "shared", label: "Shared", weight: 1, code: "TET10" },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
  fallbackPrizeId: "none",
  quiz: { questions: [{ id: "q1", text: "2 + 2?", choices: ["3", "4"], answer: 1, explanation: "four" }] },
};

it("hides coupon codes (pools, generators, shared codes) and, in server mode, quiz answers", () => {
  const r = parseCampaign(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const shown = JSON.stringify(publicCampaign(r.campaign));
  expect(shown).not.toMatch(/"codes"|"codeGenerator"|"code"|TET10|"answer"|"explanation"/);
  expect(publicCampaign(r.campaign).prizes.map((p) => p.id)).toEqual(["gift", "gen", "shared", "none"]);
  const client = parseCampaign({ ...doc, mode: "client", prizes: doc.prizes.slice(2) });
  if (!client.ok) throw new Error("invalid");
  expect(publicCampaign(client.campaign).quiz?.questions[0]?.answer).toBe(1);
});

it("keeps a code pool's size as the prize's stock, and never a code", () => {
  const r = parseCampaign({
    ...doc,
    prizes: [
      { id: "pool", label: "Pool", weight: 1, codes: ["P1", "P2", "P3"] },
      { id: "fewer", label: "Fewer", weight: 1, stock: 2, codes: ["F1", "F2", "F3"] },
      ...doc.prizes.slice(1),
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const view = publicCampaign(r.campaign);
  expect(view.prizes.map((p) => [p.id, p.stock])).toEqual([
    ["pool", 3],
    ["fewer", 2],
    ["gen", undefined],
    ["shared", undefined],
    ["none", undefined],
  ]);
  expect(JSON.stringify(view)).not.toMatch(/"codes"|"codeGenerator"|"code"|P1|F3|TET10/);
});

it("hides which choice leads to which outcome of a server-mode outcome quiz", () => {
  const r = parseCampaign({
    ...doc,
    quiz: {
      mode: "outcome",
      questions: [{ id: "q1", text: "Beach or city?", choices: ["beach", "city"], choiceOutcomes: ["sun", "lights"] }],
      outcomes: [
        { id: "sun", title: "Sun", prizeIds: ["gift"] },
        { id: "lights", title: "Lights", prizeIds: ["none"] },
      ],
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const view = publicCampaign(r.campaign);
  expect(view.quiz?.questions[0]).not.toHaveProperty("choiceOutcomes");
  expect(view.quiz?.outcomes.map((o) => o.id)).toEqual(["sun", "lights"]);
});

it("allows local origins by default, and only the listed ones when some are listed", () => {
  expect(originAllowed("http://localhost:5173", undefined)).toBe(true);
  expect(originAllowed("https://evil.example", undefined)).toBe(false);
  expect(originAllowed("https://shop.example", ["https://shop.example"])).toBe(true);
  expect(originAllowed("http://localhost:5173", ["https://shop.example"])).toBe(false);
  expect(originAllowed("https://any.example", ["*"])).toBe(true);
});

it("answers 503 with the reason when the collector could not start", async () => {
  const { createCollector } = await import("../index.js");
  const collector = createCollector({ dataDir: null, campaigns: [{ id: "x", game: "wheel", prizes: [] }], log: () => {} });
  const res = await collector.app.request("/healthz");
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: string }).error).toMatch(
    /^the collector did not start: invalid campaigns:\ncampaigns\[0\] prizes: /,
  );
  await expect(collector.listen(0)).rejects.toThrow(/invalid campaigns/);
  await collector.close();
});
