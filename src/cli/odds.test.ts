import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { testCampaign } from "../../tests/helpers/core/engine-campaigns.js";
import { captureIo } from "../../tests/helpers/cli/capture-io.js";
import { command, escapeHtml, oddsGroups, oneIn, renderOdds } from "./odds.js";
import { rulesInWords } from "../core/i18n/rules.js";
import { formatDate } from "../core/i18n/odds.js";
import { RULES_STRINGS } from "../core/i18n/rules-strings.js";
import { scoreQuiz } from "../core/engine/quiz.js";

// the table the widget's odds sheet reads its words from (src/ui/i18n/strings.ts spreads it)
import { ODDS_STRINGS } from "../core/i18n/odds.js";

const tet = fileURLToPath(new URL("../../examples/campaigns/tet.json", import.meta.url));

const campaign = testCampaign({
  title: "Spring wheel",
  schedule: { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-02-10T23:59:59+07:00" },
  limits: { perVisitor: { total: 3, perDay: 1 }, cooldownSeconds: 120 },
  prizes: [
    { id: "jackpot", label: "Jackpot", weight: 0.1, stock: 2 },
    { id: "voucher", label: "Voucher", weight: 29.9, stock: 500, dailyCap: 50 },
    { id: "none", label: "Better luck next time", weight: 70, win: false },
  ],
});

describe("oneIn", () => {
  it("writes odds as 1 in N, with a decimal below 10 and never for zero", () => {
    expect(oneIn(0.001)).toBe("1 in 1,000");
    expect(oneIn(0.3)).toBe("1 in 3.3");
    expect(oneIn(0.25)).toBe("1 in 4");
    expect(oneIn(1)).toBe("1 in 1");
    expect(oneIn(0)).toBe("never");
  });
});

describe("renderOdds", () => {
  it("tabulates each prize's chance, 1 in N, stock and cap in Markdown, followed by the rules", () => {
    const md = renderOdds(campaign, "md");
    expect(md).toContain("| Jackpot | 0.10% | 1 in 1,000 | 2 | none |");
    expect(md).toContain("| Voucher | 29.90% | 1 in 3.3 | 500 | 50 a day |");
    expect(md).toContain("| Better luck next time (no prize) | 70.00% | 1 in 1.4 | unlimited | none |");
    expect(md).toContain("- Two plays by the same visitor are at least 2 minutes apart.");
  });

  it("gives probabilities that add up to 1 in JSON", () => {
    const doc = JSON.parse(renderOdds(campaign, "json"));
    expect(doc.prizes.map((p: { id: string }) => p.id)).toEqual(["jackpot", "voucher", "none"]);
    expect(doc.prizes.reduce((sum: number, p: { probability: number }) => sum + p.probability, 0)).toBeCloseTo(1, 12);
    expect(doc.prizes[0]).toMatchObject({ probability: 0.001, oneIn: "1 in 1,000", stock: 2, dailyCap: null });
    expect(doc.rules.length).toBeGreaterThan(3);
  });

  it("escapes every piece of campaign text in HTML", () => {
    const hostile = testCampaign({
      title: `<script>alert("t")</script>`,
      prizes: [
        { id: "x", label: `<img src=x onerror="alert('x')">`, weight: 1, stock: 1 },
        { id: "none", label: "Tom & Jerry's", weight: 1, win: false },
      ],
    });
    const html = renderOdds(hostile, "html");
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(&#39;x&#39;)&#34;&#62;");
    expect(html).toContain("Tom &#38; Jerry&#39;s");
    // the only tags are ours
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual([
      "body",
      "h1",
      "h2",
      "head",
      "html",
      "li",
      "main",
      "meta",
      "style",
      "table",
      "tbody",
      "td",
      "th",
      "thead",
      "title",
      "tr",
      "ul",
    ]);
  });

  it("makes a complete UTF-8 page in the campaign's language, in the words of the widget's odds sheet", () => {
    const c = testCampaign({
      locale: "vi",
      title: "Tết 2027",
      terms: "Mỗi ngày một lượt.",
      prizes: [
        { id: "v", label: "Voucher 50k", weight: 1, stock: 1200, dailyCap: 50 },
        { id: "none", label: "Chúc may mắn", weight: 3, win: false },
      ],
    });
    const vi = renderOdds(c, "html");
    expect(vi).toMatch(/^<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">/);
    for (const key of ["odds.prize", "odds.chance", "odds.stock", "odds.unlimited", "odds.terms"] as const) {
      expect(vi).toContain(escapeHtml(ODDS_STRINGS.vi[key]));
    }
    expect(vi).toContain(`<title>${escapeHtml(ODDS_STRINGS.vi["odds.title"])}: Tết 2027</title>`);
    expect(vi).toContain("<td>25%</td><td>1 trên 4</td><td>1.200</td><td>50 mỗi ngày</td>");
    expect(vi).toContain("Chúc may mắn (không có quà)");
    // the rules too, with nothing left in English
    expect(vi).not.toContain('lang="en"');
    expect(vi).toContain("<li>Mỗi kết quả được bộ sinh số ngẫu nhiên an toàn mật mã quyết định trước khi vòng quay chuyển động");
    const en = renderOdds(c, "html", { locale: "en" });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<td>25%</td><td>1 in 4</td><td>1,200</td><td>50 a day</td>");
    expect(en).toContain(escapeHtml(ODDS_STRINGS.en["odds.unlimited"]));
  });

  it("never rounds a number on the HTML page into a false one: no 0% for a prize that is drawn, no 1 in 1 for 75%", () => {
    const c = testCampaign({
      prizes: [
        { id: "car", label: "Car", weight: 1, stock: 1 },
        { id: "mug", label: "Mug", weight: 299_999 },
        { id: "none", label: "None", weight: 100_000, win: false },
      ],
    });
    const en = renderOdds(c, "html", { locale: "en" });
    expect(en).toContain('<th scope="row">Car</th><td>0.00025%</td><td>1 in 400,000</td>');
    expect(en).toContain('<th scope="row">Mug</th><td>75%</td><td>1 in 1.3</td>');
    const vi = renderOdds(c, "html", { locale: "vi" });
    expect(vi).toContain('<th scope="row">Car</th><td>0,00025%</td><td>1 trên 400.000</td>');
    expect(vi).toContain('<th scope="row">Mug</th><td>75%</td><td>1 trên 1,3</td>');
    expect(renderOdds(c, "md")).toContain("| Mug | 75.00% | 1 in 1.3 |");
  });

  it("escapes Markdown table syntax in labels", () => {
    const md = renderOdds(
      testCampaign({
        prizes: [
          { id: "a", label: "A | B", weight: 1 },
          { id: "none", label: "*none*", weight: 1, win: false },
        ],
      }),
      "md",
    );
    expect(md).toContain("| A \\| B |");
    expect(md).toContain("\\*none\\*");
  });
});

describe("rulesInWords", () => {
  it("speaks Vietnamese for a Vietnamese campaign, with dates as the widget writes them", () => {
    expect(rulesInWords(campaign, "vi")).toEqual(
      expect.arrayContaining([
        "Chương trình diễn ra từ 00:00 ngày 20/01/2027 đến 23:59 ngày 10/02/2027, theo giờ Asia/Ho_Chi_Minh.",
        "Mỗi người chơi được chơi tối đa 3 lượt trong suốt chương trình và tối đa 1 lượt mỗi ngày; ngày mới bắt đầu lúc 0 giờ, theo giờ Asia/Ho_Chi_Minh.",
        'Khi một giải thưởng hết (hết số lượng, hết mã hoặc đã đủ số lượng trong ngày), tỉ lệ trúng của giải đó được chuyển sang "Better luck next time"; tỉ lệ của các giải khác không thay đổi.',
      ]),
    );
    const start = Date.parse(campaign.schedule!.startsAt!);
    expect(rulesInWords(campaign, "vi")[0]).toContain(formatDate(start, "vi", campaign.timezone));
    expect(rulesInWords(campaign, "en")[0]).toContain(formatDate(start, "en", campaign.timezone));
  });

  it("says what client mode cannot promise in the odds sheet's own words, in both languages", () => {
    const client = testCampaign({ mode: "client" });
    for (const locale of ["vi", "en"] as const) {
      expect(rulesInWords(client, locale)).toContain(ODDS_STRINGS[locale]["odds.perBrowser"]);
    }
  });

  it("has every sentence in Vietnamese, and every placeholder of the English one", () => {
    for (const [key, en] of Object.entries(RULES_STRINGS.en)) {
      const vi = (RULES_STRINGS.vi as Record<string, string>)[key];
      // plural forms (.1, .2) are English grammar; Vietnamese says "1 lượt" with the general form
      if (/\.\d$/.test(key)) continue;
      expect(vi, key).toBeDefined();
      expect(new Set(vi!.match(/\{\w+\}/g)), key).toEqual(new Set(en.match(/\{\w+\}/g)));
    }
  });

  it("writes the quiz rules and the odds page's group titles in Vietnamese", () => {
    const quiz = testCampaign({
      game: "quiz",
      prizes: [
        { id: "A", label: "Áo", weight: 1 },
        { id: "B", label: "Bình", weight: 1 },
        { id: "none", label: "Chúc may mắn", weight: 1, win: false },
      ],
      quiz: {
        passScore: 1,
        questions: [
          { id: "q1", text: "?", choices: ["x", "y"], answer: 1, points: 1 },
          { id: "q2", text: "?", choices: ["x", "y"], answer: 1, points: 1 },
        ],
        prizeTiers: [
          { minScore: 1, prizeIds: ["B"] },
          { minScore: 2, prizeIds: ["A"] },
        ],
      },
    });
    const rules = rulesInWords(quiz, "vi");
    expect(rules).toContain('Dưới 1 điểm sẽ không nhận được giải nào ngoài "Chúc may mắn".');
    expect(rules).toContain('Từ 1 điểm đến dưới 2 điểm: quay thưởng trong số "Bình".');
    expect(rules).toContain('Từ 2 điểm trở lên: quay thưởng trong số "Áo".');
    expect(renderOdds(quiz, "html", { locale: "vi" })).toContain("<h2>Từ 2 điểm trở lên</h2>");
    expect(renderOdds(quiz, "html", { locale: "en" })).toContain("<h2>A score of 2 or more</h2>");
  });

  it("states schedule, limits with the day boundary, cooldown and the fallback in plain words", () => {
    expect(rulesInWords(campaign)).toEqual(
      expect.arrayContaining([
        "The campaign runs from 20 Jan 2027, 00:00 to 10 Feb 2027, 23:59, Asia/Ho_Chi_Minh time.",
        "Each visitor may play up to 3 times in total and at most once a day; days start at midnight, Asia/Ho_Chi_Minh time.",
        'When a prize runs out (its stock, codes or daily cap), its chance goes to "Better luck next time"; the chances of the other prizes do not change.',
      ]),
    );
  });

  it("counts a schedule ending at midnight as ending the day before, and names the paced release as a reason a prize is out", () => {
    const paced = testCampaign({
      pacing: "even",
      schedule: { startsAt: "2027-02-01T00:00:00+07:00", endsAt: "2027-02-11T00:00:00+07:00" },
      prizes: [
        { id: "gift", label: "Gift", weight: 1, stock: 1000 },
        { id: "none", label: "Next time", weight: 1, win: false },
      ],
    });
    const en = rulesInWords(paced, "en");
    expect(en).toContain(
      'When a prize runs out (its stock, codes, daily cap or the units released so far), its chance goes to "Next time"; the chances of the other prizes do not change.',
    );
    expect(en.find((r) => r.startsWith("Stock is released evenly"))).toMatch(/^Stock is released evenly over the campaign's 10 days:/);
    const vi = rulesInWords(paced, "vi");
    expect(vi.find((r) => r.startsWith("Giải thưởng được phát đều"))).toMatch(/^Giải thưởng được phát đều trong 10 ngày/);
    expect(vi).toContain(
      'Khi một giải thưởng hết (hết số lượng, hết mã, đã đủ số lượng trong ngày hoặc đã trao hết phần được phát đến lúc đó), tỉ lệ trúng của giải đó được chuyển sang "Next time"; tỉ lệ của các giải khác không thay đổi.',
    );
  });

  it("describes renormalizing, leads, bonus plays, unwinnable prizes and quiz tiers", () => {
    const rules = rulesInWords(
      testCampaign({
        game: "quiz",
        onStockOut: "renormalize",
        requireLead: true,
        lead: { fields: ["email", "phone"] },
        bonusPlays: { perShare: 1, maxPerDay: 2 },
        prizes: [
          { id: "a", label: "A", weight: 1, stock: 3 },
          { id: "ghost", label: "Ghost", weight: 0 },
          { id: "none", label: "None", weight: 1, win: false },
        ],
        quiz: {
          questions: [{ id: "q", text: "?", choices: ["x", "y"], answer: 1, points: 2 }],
          passScore: 2,
          prizeTiers: [{ minScore: 2, prizeIds: ["a"] }],
        },
      }),
    ).join("\n");
    expect(rules).toContain("its chance is shared among the prizes still available");
    expect(rules).toContain("Visitors give their email and phone before playing.");
    expect(rules).toContain("Sharing the campaign gives 1 extra play, up to 2 extra plays a day.");
    expect(rules).toContain('"Ghost" is listed but cannot be won by drawing.');
    expect(rules).toContain('A score of 2 or more: a draw among "A".');
    expect(rules).toContain("There is no limit on the number of plays per visitor.");
  });

  it("describes renormalizing, leads, bonus plays and unwinnable prizes in Vietnamese", () => {
    const rules = rulesInWords(
      testCampaign({
        onStockOut: "renormalize",
        requireLead: true,
        lead: { fields: ["name", "phone"] },
        bonusPlays: { perShare: 1, maxPerDay: 2 },
        limits: { perVisitor: {}, cooldownSeconds: 300 },
        prizes: [
          { id: "a", label: "A", weight: 1, stock: 3 },
          { id: "ghost", label: "Ghost", weight: 0 },
          { id: "none", label: "None", weight: 1, win: false },
        ],
      }),
      "vi",
    ).join("\n");
    expect(rules).toContain("tỉ lệ trúng của giải đó được chia cho các giải còn lại, theo tỉ lệ của từng giải.");
    expect(rules).toContain("Người chơi để lại họ tên và số điện thoại trước khi chơi.");
    expect(rules).toContain("Chia sẻ chương trình được tặng thêm 1 lượt chơi, tối đa 2 lượt chơi mỗi ngày.");
    expect(rules).toContain('"Ghost" có trong danh sách nhưng không thể trúng khi quay thưởng.');
    expect(rules).toContain("Hai lượt chơi liên tiếp của cùng một người cách nhau ít nhất 5 phút.");
    expect(rules).toContain("Không giới hạn số lượt chơi của mỗi người.");
  });
});

describe("minigame odds", () => {
  it("prints Markdown by default and HTML or JSON on request", async () => {
    for (const [args, start] of [
      [[], "## Odds: "],
      // tet.json is a Vietnamese campaign; --locale overrides its language
      [["--format", "html"], '<!doctype html>\n<html lang="vi">'],
      [["--format", "html", "--locale", "en"], '<!doctype html>\n<html lang="en">'],
      [["--format", "json"], "{"],
    ] as const) {
      const io = captureIo();
      expect(await command.run([tet, ...args], io)).toBe(0);
      expect(io.stdout.join("\n").startsWith(start)).toBe(true);
    }
  });

  it("refuses an unknown format and an unreadable file", async () => {
    const io = captureIo();
    expect(await command.run([tet, "--format", "pdf"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/--format must be md, html or json, got pdf/);
    const io3 = captureIo();
    expect(await command.run([tet, "--format", "html", "--locale", "fr"], io3)).toBe(2);
    expect(io3.stderr.join("\n")).toMatch(/--locale must be vi or en, got fr/);
    const dir = mkdtempSync(join(tmpdir(), "minigame-odds-"));
    writeFileSync(join(dir, "bad.json"), "{ not json");
    const io2 = captureIo();
    expect(await command.run([join(dir, "bad.json")], io2)).toBe(1);
    expect(io2.stderr.join("\n")).toMatch(/not valid JSON/);
  });

  it("escapes the five HTML special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});

describe("quiz odds", () => {
  const quizCampaign = (quiz: object) =>
    testCampaign({
      game: "quiz",
      prizes: [
        { id: "gold", label: "Gold", weight: 1, stock: 5 },
        { id: "silver", label: "Silver", weight: 3 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
      quiz: { questions: [{ id: "q", text: "?", choices: ["a", "b"], answer: 0, points: 5 }], ...quiz },
    });

  it("gives one table per score range, with the odds of the draw that range leads to", () => {
    const c = quizCampaign({
      passScore: 2,
      prizeTiers: [
        { minScore: 4, prizeIds: ["gold"] },
        { minScore: 0, prizeIds: ["silver", "gold"] },
        { minScore: 0, prizeIds: ["none"] },
      ],
    });
    const groups = oddsGroups(c);
    expect(groups.map((g) => g.title)).toEqual(["A score of 2 or more, below 4", "A score of 4 or more"]);
    expect(groups[0]!.odds.map((r) => [r.prize.id, r.probability])).toEqual([
      ["gold", 0.25],
      ["silver", 0.75],
    ]);
    expect(groups[1]!.odds.map((r) => [r.prize.id, r.probability])).toEqual([["gold", 1]]);
    expect(renderOdds(c, "md")).toContain("### A score of 4 or more\n");
    expect(JSON.parse(renderOdds(c, "json")).groups).toHaveLength(2);
  });

  it("gives one table per outcome that wins something", () => {
    const c = testCampaign({
      game: "quiz",
      prizes: [
        { id: "a", label: "A", weight: 1 },
        { id: "b", label: "B", weight: 1 },
      ],
      fallbackPrizeId: undefined,
      quiz: {
        mode: "outcome",
        questions: [{ id: "q", text: "?", choices: ["x", "y"], choiceOutcomes: ["o1", "o2"] }],
        outcomes: [
          { id: "o1", title: "One", prizeIds: ["a", "b"] },
          { id: "o2", title: "Two" },
        ],
      },
    });
    expect(oddsGroups(c).map((g) => [g.title, g.odds.map((r) => r.probability)])).toEqual([['Outcome "One"', [0.5, 0.5]]]);
  });

  it("counts in the points in all only the questions that score, as the engine does (an opinion scale scores nothing)", () => {
    const c = quizCampaign({
      questions: [
        { id: "q", text: "?", choices: ["a", "b"], answer: 0, points: 5 },
        { id: "nps", text: "Recommend us?", type: "nps" },
      ],
    });
    expect(scoreQuiz(c, { q: 0, nps: 10 }).maxScore).toBe(5);
    expect(renderOdds(c, "md")).toContain("- Each right answer scores its points (5 in all);");
    expect(renderOdds(c, "html", { locale: "vi" })).toContain("(tổng cộng 5 điểm)");
  });

  it("says that a passing score below the lowest tier wins nothing, in both languages", () => {
    const c = quizCampaign({
      questions: [
        { id: "q1", text: "?", choices: ["a", "b"], answer: 0, points: 2 },
        { id: "q2", text: "?", choices: ["a", "b"], answer: 0, points: 3 },
      ],
      passScore: 2,
      prizeTiers: [{ minScore: 4, prizeIds: ["gold"] }],
    });
    expect(scoreQuiz(c, { q1: 0, q2: 1 })).toMatchObject({ score: 2, passed: true, prizeIds: [] });
    const md = renderOdds(c, "md");
    expect(md).toContain(
      '- A score below 2 wins no prize other than "None".\n- A score of 2 or more, below 4: no prize other than "None".\n',
    );
    expect(md).toContain('- A score of 4 or more: a draw among "Gold".');
    expect(renderOdds(c, "html", { locale: "vi" })).toContain(
      "<li>Từ 2 điểm đến dưới 4 điểm: không có giải nào ngoài &#34;None&#34;.</li>",
    );
  });

  it("says that an outcome quiz's top outcome needs the pass mark, in both languages", () => {
    const c = testCampaign({
      game: "quiz",
      prizes: [
        { id: "a", label: "A", weight: 1 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
      quiz: {
        mode: "outcome",
        passScore: 2,
        questions: [
          { id: "q1", text: "?", choices: ["x", "y"], choiceOutcomes: ["o1", "o2"] },
          { id: "q2", text: "?", choices: ["x", "y"], choiceOutcomes: ["o1", "o2"] },
        ],
        outcomes: [
          { id: "o1", title: "One", prizeIds: ["a"] },
          { id: "o2", title: "Two" },
        ],
      },
    });
    // "One" tops the answers with 1 of the 2 needed (a tie goes to the one listed first): no draw
    expect(scoreQuiz(c, { q1: 0, q2: 1 })).toMatchObject({ outcomeId: "o1", passed: false, prizeIds: [] });
    const md = renderOdds(c, "md");
    expect(md).toContain(
      '- The outcome with the most answers needs at least 2 of them; with fewer, the play gets no prize other than "None".',
    );
    expect(md).toContain('- Outcome "Two": no prize other than "None".');
    expect(renderOdds(c, "html", { locale: "vi" })).toContain(
      "<li>Kết quả có nhiều câu trả lời nhất cần ít nhất 2 câu trả lời; nếu ít hơn, lượt chơi không có giải nào ngoài &#34;None&#34;.</li>",
    );
  });
});
