import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, parseCampaign } from "./index.js";
import { problems, quiz, wheel } from "../../../tests/helpers/core/campaigns.js";

const tet = JSON.parse(readFileSync(new URL("../../../examples/campaigns/tet.json", import.meta.url), "utf8"));

describe("parseCampaign on valid documents", () => {
  it("accepts the Tết example and fills defaults", () => {
    const r = parseCampaign(tet);
    expect(r.issues).toEqual([]);
    expect(r.ok && r.campaign.limits.perVisitor).toEqual({ total: 3, perDay: 1 });
    expect(r.ok && r.campaign.display.launcher.position).toBe("bottom-right");
  });

  it("sees only a document's own fields on a page that added enumerable keys to Object.prototype", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = { admin: true };
    try {
      const r = parseCampaign(JSON.stringify(tet));
      expect(r.issues).toEqual([]);
      expect(parseCampaign({ ...wheel(), titel: "Tết" }).issues.map(formatIssue)).toEqual([
        'titel: is not a known field (did you mean "title"?)',
      ]);
    } finally {
      delete proto.polluted;
    }
  });

  it('keeps a "__proto__" key in a campaign file a plain (unknown) field', () => {
    const r = parseCampaign('{"__proto__": {"testMode": true}}');
    expect(r.ok).toBe(false);
    expect(r.issues.map(formatIssue)).toContain("__proto__: is not a known field");
    expect(({} as Record<string, unknown>).testMode).toBeUndefined();
  });

  it("passes a campaign it already validated through unchanged, and validates copies again", () => {
    const first = parseCampaign(tet);
    if (!first.ok) throw new Error("the Tết example must be valid");
    const again = parseCampaign(first.campaign);
    expect(again.ok && again.campaign).toBe(first.campaign);
    const copy = { ...first.campaign, prizes: [] };
    expect(parseCampaign(copy).issues.map(formatIssue)).toContain("prizes: must have at least 1 item, got 0");
  });

  it("accepts JSON text as well as an object", () => {
    expect(parseCampaign(JSON.stringify(wheel())).ok).toBe(true);
  });

  it("defaults win to true, locale to vi and timezone to UTC", () => {
    const { timezone: _, ...doc } = wheel();
    const r = parseCampaign(doc);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
    expect(r.campaign.prizes[0]!.win).toBe(true);
    expect(r.campaign.locale).toBe("vi");
    expect(r.campaign.timezone).toBe("UTC");
  });
});

describe("parseCampaign of a browser's copy (served)", () => {
  // the collector's public view of a server-mode quiz keeps the answers and the outcome mapping back
  const keyless = (mode: "server" | "client", quizMode: "score" | "outcome") => {
    const doc = JSON.parse(readFileSync(new URL("../../../examples/campaigns/quiz-en.json", import.meta.url), "utf8"));
    doc.mode = mode;
    if (mode === "client") delete doc.identity;
    doc.quiz.mode = quizMode;
    if (quizMode === "outcome")
      doc.quiz.outcomes = [
        { id: "latte", title: "Latte", prizeIds: [] },
        { id: "espresso", title: "Espresso", prizeIds: [] },
      ];
    for (const q of doc.quiz.questions) {
      delete q.answer;
      delete q.choiceOutcomes;
      delete q.explanation;
    }
    return doc;
  };

  it("accepts a server-mode quiz without answers or outcome mapping only as a served copy", () => {
    for (const quizMode of ["score", "outcome"] as const) {
      expect(parseCampaign(keyless("server", quizMode), { served: true }).issues, quizMode).toEqual([]);
      expect(parseCampaign(keyless("server", quizMode)).ok, `${quizMode}, as a campaign file`).toBe(false);
    }
  });

  it("still wants the answers of a client-mode quiz, which the browser scores", () => {
    const r = parseCampaign(keyless("client", "score"), { served: true });
    expect(r.issues.map(formatIssue)).toContain("quiz.questions[0].answer: is required in a score quiz");
  });
});

describe("parseCampaign cross-field checks", () => {
  it("rejects duplicate prize ids", () => {
    const doc = wheel({ prizes: [...wheel().prizes, { id: "gift", label: "Again", weight: 1 }] });
    expect(problems(doc)).toEqual(['prizes[2].id: "gift" is already used by prizes[0]; prize ids must be unique']);
  });

  it("rejects a fallbackPrizeId that names no prize", () => {
    expect(problems(wheel({ fallbackPrizeId: "nothing" }))).toEqual(['fallbackPrizeId: "nothing" is not the id of a prize']);
  });

  it("rejects a fallback prize that is a win", () => {
    expect(problems(wheel({ fallbackPrizeId: "gift" }))).toEqual(['fallbackPrizeId: "gift" must be a prize with "win": false']);
  });

  it("rejects a fallback prize that can run out", () => {
    const prizes = [wheel().prizes[0], { id: "none", label: "Next time", weight: 3, win: false, dailyCap: 5 }];
    expect(problems(wheel({ prizes }))).toEqual([
      'fallbackPrizeId: "none" must have no stock, dailyCap or codes: it takes the odds of prizes that ran out',
    ]);
  });

  it("requires a fallback when limited prizes fall back", () => {
    const { fallbackPrizeId: _, ...doc } = wheel();
    expect(problems(doc)).toEqual(['fallbackPrizeId: is required when onStockOut is "fallback" and a prize has stock, dailyCap or codes']);
    expect(parseCampaign({ ...doc, onStockOut: "renormalize" }).ok).toBe(true);
  });

  it("rejects a schedule that ends before it starts", () => {
    const schedule = { startsAt: "2027-02-10T00:00:00+07:00", endsAt: "2027-02-09T23:00:00+07:00" };
    expect(problems(wheel({ schedule }))).toEqual([
      "schedule.endsAt: must be after schedule.startsAt (2027-02-10T00:00:00+07:00), got 2027-02-09T23:00:00+07:00",
    ]);
  });

  it("compares schedule instants, not their text", () => {
    // 00:30 in Hanoi is 17:30 the day before in UTC: the end is after the start
    const schedule = { startsAt: "2027-02-09T17:00:00Z", endsAt: "2027-02-10T00:30:00+07:00" };
    expect(parseCampaign(wheel({ schedule })).ok).toBe(true);
  });

  it("rejects a time zone that is not IANA", () => {
    for (const timezone of ["Asia/Hanoi", "GMT+7", ""]) {
      expect(problems(wheel({ timezone }))).toEqual([
        `timezone: must be an IANA time zone such as "Asia/Ho_Chi_Minh" or "Europe/Paris", got ${JSON.stringify(timezone)}`,
      ]);
    }
  });

  it("rejects quiz answers that point past the choices", () => {
    const questions = [{ id: "q1", text: "?", choices: ["a", "b"], answer: 2 }];
    expect(problems(quiz({ questions }))).toEqual([
      "quiz.questions[0].answer: points to choice 2, but there are only 2 choices (counting from 0)",
    ]);
  });

  it("rejects a list of answers on a single-choice question and an empty list on a multiple one", () => {
    const questions = [
      { id: "q1", text: "?", choices: ["a", "b"], answer: [0] },
      { id: "q2", text: "?", type: "multiple", choices: ["a", "b"], answer: [] },
      { id: "q3", text: "?", choices: ["a", "b"] },
    ];
    expect(problems(quiz({ questions }))).toEqual([
      "quiz.questions[0].answer: must be one choice index for a single-choice question",
      "quiz.questions[1].answer: must list at least one right choice",
      "quiz.questions[2].answer: is required in a score quiz",
    ]);
  });

  it("rejects duplicate question ids", () => {
    const q = { id: "q1", text: "?", choices: ["a", "b"], answer: 0 };
    expect(problems(quiz({ questions: [q, q] }))).toEqual(['quiz.questions[1].id: "q1" is used twice; question ids must be unique']);
  });

  it("requires the quiz section for a quiz game", () => {
    expect(problems(wheel({ game: "quiz" }))).toEqual(['quiz: is required when game is "quiz"']);
  });

  it("limits a wheel to 2–24 segments", () => {
    const one = [{ id: "a", label: "A", weight: 1 }];
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `p${i}`, label: `P${i}`, weight: 1 }));
    expect(problems(wheel({ prizes: one, fallbackPrizeId: undefined }))).toEqual(["prizes: a wheel needs 2 to 24 segments, got 1"]);
    expect(problems(wheel({ prizes: many, fallbackPrizeId: undefined }))).toEqual(["prizes: a wheel needs 2 to 24 segments, got 25"]);
    // a quiz has no segments: one prize is fine
    expect(parseCampaign(quiz({}, { prizes: [{ id: "gift", label: "Gift", weight: 1 }], fallbackPrizeId: undefined })).ok).toBe(true);
  });

  it("rejects prize tiers and outcomes that name unknown prizes", () => {
    expect(problems(quiz({ prizeTiers: [{ minScore: 1, prizeIds: ["gift", "car"] }] }))).toEqual([
      'quiz.prizeTiers[0].prizeIds[1]: "car" is not the id of a prize',
    ]);
  });

  it("rejects a code used twice, across prizes too", () => {
    const prizes = [
      { id: "a", label: "A", weight: 1, codes: ["X1", "X2", "X1"] },
      { id: "b", label: "B", weight: 1, codes: ["X2"] },
      { id: "none", label: "No", weight: 1, win: false },
    ];
    expect(problems(wheel({ prizes }))).toEqual([
      'prizes[0].codes[2]: "X1" appears twice (also in prizes[0].codes[0]); every code must be unique',
      'prizes[1].codes[0]: "X2" appears twice (also in prizes[0].codes[1]); every code must be unique',
    ]);
  });

  it("rejects a stock larger than the code pool, and codes together with a generator", () => {
    const prizes = [
      { id: "a", label: "A", weight: 1, stock: 3, codes: ["X1", "X2"] },
      { id: "b", label: "B", weight: 1, codes: ["Y1"], codeGenerator: { length: 8 } },
      { id: "c", label: "C", weight: 1, codeGenerator: { length: 4, alphabet: "AB" } },
      { id: "d", label: "D", weight: 1, stock: 200_000, codeGenerator: { length: 6, alphabet: "0123456789" } },
      { id: "e", label: "E", weight: 1, stock: 100_000, codeGenerator: { length: 6, alphabet: "0123456789" } },
      { id: "none", label: "No", weight: 1, win: false },
    ];
    expect(problems(wheel({ prizes }))).toEqual([
      "prizes[0].codes: has 2 codes for a stock of 3: add codes or lower the stock",
      "prizes[1]: has codes and codeGenerator; use one",
      "prizes[2].codeGenerator: makes fewer than 1,000,000 distinct codes: use a longer length or a larger alphabet",
      "prizes[3].codeGenerator: makes fewer than 10 codes per unit of stock: use a longer length or a larger alphabet",
    ]);
  });

  it("requires a weight above 0 somewhere", () => {
    const prizes = wheel().prizes.map((p) => ({ ...p, weight: 0 }));
    expect(problems(wheel({ prizes }))).toEqual(["prizes: at least one prize needs a weight above 0"]);
  });

  it("requires a full schedule for even pacing", () => {
    expect(problems(wheel({ pacing: "even", schedule: { startsAt: "2027-01-20T00:00:00+07:00" } }))).toEqual([
      'pacing: "even" needs schedule.startsAt and schedule.endsAt to spread stock over the days',
    ]);
  });

  it("checks outcome quizzes: one outcome per choice, known outcomes, at least two, unique ids", () => {
    const doc = quiz({
      mode: "outcome",
      prizeTiers: [],
      outcomes: [
        { id: "owl", title: "Night owl", prizeIds: ["gift"] },
        { id: "owl", title: "Owl again", prizeIds: ["car"] },
      ],
      questions: [
        { id: "q1", text: "?", choices: ["a", "b"], choiceOutcomes: ["owl"] },
        { id: "q2", text: "?", choices: ["a", "b"], choiceOutcomes: ["owl", "lark"] },
      ],
    });
    expect(problems(doc)).toEqual([
      'quiz.outcomes[1].id: "owl" is used twice; outcome ids must be unique',
      "quiz.questions[0].choiceOutcomes: must name one outcome for each of the 2 choices",
      'quiz.questions[1].choiceOutcomes[1]: "lark" is not the id of an outcome in quiz.outcomes',
      'quiz.outcomes[1].prizeIds[0]: "car" is not the id of a prize',
    ]);
    expect(
      problems(
        quiz({
          mode: "outcome",
          outcomes: [{ id: "owl", title: "Owl" }],
          questions: [{ id: "q", text: "?", choices: ["a", "b"], choiceOutcomes: ["owl", "owl"] }],
        }),
      ),
    ).toEqual(["quiz.outcomes: an outcome quiz needs at least 2 outcomes"]);
  });
});

describe("parseCampaign reports every problem at once", () => {
  it("gives cross-field problems alongside schema problems", () => {
    const doc = wheel({
      id: "bad id!",
      timezone: "Mars/Olympus",
      schedule: { startsAt: "2027-02-10T00:00:00+07:00", endsAt: "2027-01-20T00:00:00+07:00" },
      prizes: [
        { id: "gift", label: "Gift", weight: -5 },
        { id: "none", label: "Next time", weight: 1, win: false },
        { id: "none", label: "Again", weight: 1, win: false },
      ],
    });
    expect(problems(doc)).toEqual([
      "id: must be 1–64 letters, digits, '_', '.' or '-', got \"bad id!\"",
      "prizes[0].weight: must be ≥ 0, got -5",
      'timezone: must be an IANA time zone such as "Asia/Ho_Chi_Minh" or "Europe/Paris", got "Mars/Olympus"',
      "schedule.endsAt: must be after schedule.startsAt (2027-02-10T00:00:00+07:00), got 2027-01-20T00:00:00+07:00",
      'prizes[2].id: "none" is already used by prizes[1]; prize ids must be unique',
    ]);
  });

  it("says nothing it cannot know from the parts that failed", () => {
    // the fallback names a prize that failed the schema: its existence cannot be judged, so only the schema speaks
    const doc = wheel({
      fallbackPrizeId: "gift",
      prizes: [
        { id: "gift", label: "Gift" },
        { id: "none", label: "No", weight: 1, win: false },
      ],
    });
    expect(problems(doc)).toEqual(["prizes[0].weight: is required"]);
    const badTiers = quiz(
      { prizeTiers: [{ minScore: 1, prizeIds: ["gift"] }] },
      { prizes: [{ id: "gift", label: "", weight: 1 }], fallbackPrizeId: undefined },
    );
    expect(problems(badTiers)).toEqual(["prizes[0].label: must not be empty"]);
    // a broken prize without a readable id might be the one the fallback names
    const noId = wheel({
      fallbackPrizeId: "lost",
      prizes: [
        { label: "Gift", weight: 1 },
        { id: "none", label: "No", weight: 1, win: false },
      ],
    });
    expect(problems(noId)).toEqual(["prizes[0].id: is required"]);
  });

  it("reports a fallbackPrizeId that names no prize even when other prizes fail the schema", () => {
    const doc = wheel({
      fallbackPrizeId: "nothing",
      prizes: [
        { id: "gift", label: "Gift" },
        { id: "none", label: "No", weight: 1, win: false },
      ],
    });
    expect(problems(doc)).toEqual(["prizes[0].weight: is required", 'fallbackPrizeId: "nothing" is not the id of a prize']);
  });
});

describe("trust settings", () => {
  it("defaults identity to anonymous and the per-address allowance to 200 plays a day", () => {
    const r = parseCampaign(wheel());
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
    expect(r.campaign.identity).toBe("anonymous");
    expect(r.campaign.limits.perAddress).toEqual({ perDay: 200 });
    expect(r.campaign.antiBot).toBeUndefined();
  });

  it("fills the proof of work's default cost and refuses one below 1000", () => {
    const r = parseCampaign(wheel({ mode: "server", antiBot: { proofOfWork: {} } }));
    expect(r.ok && r.campaign.antiBot?.proofOfWork).toEqual({ maxNumber: 50_000 });
    expect(problems(wheel({ mode: "server", antiBot: { proofOfWork: { maxNumber: 10 } } })).join("\n")).toMatch(
      /antiBot\.proofOfWork\.maxNumber/,
    );
  });

  it("says identity modes and proof of work need server mode, and lead identity needs the lead form first", () => {
    expect(problems(wheel({ mode: "client", identity: "member" }))).toContain(
      'identity: "member" counts plays on the collector; set "mode": "server" to use it',
    );
    expect(problems(wheel({ mode: "client", antiBot: { proofOfWork: {} } }))).toContain(
      'antiBot.proofOfWork: is checked by the collector; set "mode": "server" to use it',
    );
    expect(problems(wheel({ mode: "server", identity: "lead" }))).toContain(
      'requireLead: must be true when identity is "lead": plays are counted per email or phone, so the form comes first',
    );
    expect(problems(wheel({ mode: "server", identity: "lead", requireLead: true }))).toEqual([]);
  });
});
