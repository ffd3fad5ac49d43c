import { afterEach, describe, expect, it } from "vitest";
import { quizCampaign, wheelCampaign } from "../../tests/helpers/ui/campaigns.js";
import { createClientSource } from "./client-source.js";

afterEach(() => localStorage.clear());

describe("client mode's draw source", () => {
  it("fetches the quiz scorer for a quiz campaign and scores the answers in this browser", async () => {
    const source = await createClientSource(quizCampaign(), "right");
    expect(await source.draw({ answers: { q1: 0, q2: [0, 2] } })).toMatchObject({
      ok: true,
      win: true,
      prize: { id: "v50" },
      quiz: { score: 2, passed: true },
    });
    const wrong = await createClientSource(quizCampaign(), "wrong");
    expect(await wrong.draw({ answers: { q1: 1 } })).toMatchObject({ ok: true, win: false, quiz: { score: 0, passed: false } });
  });

  it("draws a wheel without the quiz scorer", async () => {
    const source = await createClientSource(wheelCampaign(), "v");
    const result = await source.draw();
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty("quiz");
  });
});
