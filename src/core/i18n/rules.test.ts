import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { scoreQuiz } from "../engine/quiz.js";
import type { Campaign } from "../schema/campaign.js";
import { parseCampaign } from "../schema/parse.js";
import { oddsGroups, rulesInWords } from "./rules.js";

const example = (name: string) => {
  const parsed = parseCampaign(readFileSync(new URL(`../../../examples/campaigns/${name}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(`${name} should be valid`);
  return parsed.campaign;
};
const table = (groups: ReturnType<typeof oddsGroups>) => groups.map((g) => [g.title, g.odds.map((r) => [r.prize.id, r.probability])]);

describe("oddsGroups", () => {
  it("gives a score quiz one table per score range, with the chances the engine draws with", () => {
    expect(table(oddsGroups(example("quiz-en.json"), "en"))).toEqual([
      ["A score of 3 or more, below 4", [["off10", 1]]],
      ["A score of 4 or more, below 5", [["off20", 1]]],
      ["A score of 5 or more", [["beans", 1]]],
    ]);
    expect(oddsGroups(example("quiz-en.json"), "vi").map((g) => g.title)).toEqual([
      "Từ 3 điểm đến dưới 4 điểm",
      "Từ 4 điểm đến dưới 5 điểm",
      "Từ 5 điểm trở lên",
    ]);
  });

  it("gives an outcome quiz one table per outcome that has prizes", () => {
    const groups = oddsGroups(example("personality-en.json"), "en");
    expect(groups.map((g) => g.title)).toEqual(['Outcome "Beach dreamer"', 'Outcome "City explorer"', 'Outcome "Trail seeker"']);
    for (const g of groups) expect(g.odds.reduce((sum, r) => sum + r.probability, 0)).toBeCloseTo(1, 12);
  });

  it("gives a wheel one untitled table over every prize", () => {
    const groups = oddsGroups(example("tet.json"));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.title).toBeNull();
    expect(groups[0]!.odds).toHaveLength(example("tet.json").prizes.length);
  });
});

describe("rulesInWords", () => {
  const quiz = example("quiz-en.json");

  it("says what a quiz score gets when its prizes run out under renormalize, as the engine gives it", () => {
    const rules = rulesInWords({ ...quiz, onStockOut: "renormalize" }, "en");
    expect(rules).toContain(
      "When a prize runs out (its stock, codes or daily cap), its chance is shared among the prizes still available in the same draw (the same score or outcome), in proportion to their chances.",
    );
    expect(rules).toContain('When every prize of a score or outcome has run out, that score or outcome gets "Thanks for playing!".');
    expect(rulesInWords({ ...quiz, onStockOut: "renormalize" }, "vi")).toContain(
      'Khi mọi giải của một mức điểm hoặc một kết quả đều đã hết, mức điểm hoặc kết quả đó nhận "Thanks for playing!".',
    );
    // with the fallback policy the fallback sentence already says it
    expect(rulesInWords(quiz, "en").join(" ")).not.toContain("When every prize of a score");
  });

  it("says a quiz play is refused when a score's prizes are gone and there is no fallback", () => {
    const rules = rulesInWords({ ...quiz, onStockOut: "renormalize", fallbackPrizeId: undefined }, "en");
    expect(rules).toContain("When every prize of a score or outcome has run out, the play is refused and does not count.");
  });

  it("says on a wheel of unequal chances that a slice's size is not its chance, in both languages", () => {
    const tet = example("tet.json");
    expect(rulesInWords(tet, "en")).toContain(
      "The wheel's slices are all the same size: a slice's size is not its chance. The chances are the ones in the table.",
    );
    expect(rulesInWords(tet, "vi").join(" ")).toContain("kích thước của một ô không phải là tỉ lệ trúng");
    const even = testCampaign({
      prizes: [
        { id: "a", label: "A", weight: 1 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
    });
    expect(rulesInWords(even, "en").join(" ")).not.toContain("slices");
  });

  it("calls the boxes not picked examples from the published odds, which may no longer be available", () => {
    const giftbox = example("giftbox-tet.json");
    const sampled = { ...giftbox, giftbox: { count: 3, revealOthers: "sampled" as const } };
    expect(rulesInWords(sampled, "en").join(" ")).toContain("a prize shown there may no longer be available");
    expect(rulesInWords(sampled, "vi").join(" ")).toContain("giải hiện ở đó có thể đã hết");
    expect(rulesInWords(sampled, "en").join(" ")).not.toContain("could have held");
  });

  describe("a quiz's pass mark, as the engine applies it", () => {
    const withQuiz = (c: Campaign, quiz: Partial<NonNullable<Campaign["quiz"]>>): Campaign => ({ ...c, quiz: { ...c.quiz!, ...quiz } });

    it("says an outcome quiz's winning outcome needs the pass mark, before naming what each outcome draws", () => {
      const personality = withQuiz(example("personality-en.json"), { passScore: 3 });
      const [q1, q2, q3, q4] = personality.quiz!.questions;
      const pick = (q: typeof q1, outcome: string) => q!.choiceOutcomes!.indexOf(outcome);
      // "beach" tops the answers with 2 of the 3 needed: no prize, whatever its line in the rules says it draws
      const answers = { [q1!.id]: pick(q1, "beach"), [q2!.id]: pick(q2, "beach"), [q3!.id]: pick(q3, "city"), [q4!.id]: pick(q4, "trek") };
      expect(scoreQuiz(personality, answers)).toMatchObject({ outcomeId: "beach", passed: false, prizeIds: [] });
      const en = rulesInWords(personality, "en");
      const pass = en.indexOf("The outcome with the most answers needs at least 3 of them; with fewer, the play gets no prize.");
      expect(pass).toBeGreaterThan(-1);
      expect(en.findIndex((r) => r.startsWith('Outcome "Beach dreamer": a draw among'))).toBe(pass + 1);
      expect(rulesInWords(personality, "vi")).toContain(
        "Kết quả có nhiều câu trả lời nhất cần ít nhất 3 câu trả lời; nếu ít hơn, lượt chơi không có quà.",
      );
      // without a pass mark, a sheet with no answer still has no outcome and no prize
      expect(scoreQuiz(example("personality-en.json"), {})).toMatchObject({ passed: false, prizeIds: [] });
      expect(rulesInWords(example("personality-en.json"), "en")).toContain(
        "The outcome with the most answers needs at least 1 of them; with no answer, the play gets no prize.",
      );
    });

    it("names the fallback where an outcome quiz gives it instead of a prize", () => {
      const personality = example("personality-en.json");
      const c: Campaign = {
        ...withQuiz(personality, { passScore: 2 }),
        prizes: [...personality.prizes, { id: "thanks", label: "Thanks", weight: 1, win: false }],
        fallbackPrizeId: "thanks",
      };
      expect(rulesInWords(c, "en")).toContain(
        'The outcome with the most answers needs at least 2 of them; with fewer, the play gets no prize other than "Thanks".',
      );
      expect(rulesInWords(c, "vi")).toContain(
        'Kết quả có nhiều câu trả lời nhất cần ít nhất 2 câu trả lời; nếu ít hơn, lượt chơi không có giải nào ngoài "Thanks".',
      );
    });

    it("says what a passing score below the lowest tier gets", () => {
      const pass2 = withQuiz(quiz, { passScore: 2 });
      const two = { ...Object.fromEntries(quiz.quiz!.questions.map((q) => [q.id, -1])) };
      const right = quiz.quiz!.questions.filter((q) => q.answer !== undefined).slice(0, 2);
      for (const q of right) two[q.id] = q.answer as number;
      expect(scoreQuiz(pass2, two)).toMatchObject({ score: right.reduce((sum, q) => sum + q.points, 0), passed: true, prizeIds: [] });
      const en = rulesInWords(pass2, "en");
      expect(en).toContain('A score below 2 wins no prize other than "Thanks for playing!".');
      expect(en).toContain('A score of 2 or more, below 3: no prize other than "Thanks for playing!".');
      expect(en.indexOf('A score of 3 or more, below 4: a draw among "10% off your next order".')).toBeGreaterThan(-1);
      expect(rulesInWords(pass2, "vi")).toContain('Từ 2 điểm đến dưới 3 điểm: không có giải nào ngoài "Thanks for playing!".');
      // no pass mark: the scores below the lowest tier are the ones that win nothing
      const noPass = rulesInWords(withQuiz(quiz, { passScore: 0 }), "en");
      expect(noPass).toContain('A score below 3 wins no prize other than "Thanks for playing!".');
      expect(noPass.join(" ")).not.toContain("A score of 0");
      // a pass mark at or above the lowest tier needs no more words
      expect(rulesInWords(quiz, "en").filter((r) => r.includes("no prize"))).toEqual([
        'A score below 3 wins no prize other than "Thanks for playing!".',
      ]);
    });
  });
});
