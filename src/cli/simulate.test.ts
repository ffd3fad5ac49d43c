import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCampaign, type CampaignInput } from "../core/index.js";
import { chiSquare, chiSquareCritical } from "../../tests/helpers/chi-square.js";
import { testCampaign } from "../../tests/helpers/core/engine-campaigns.js";
import { captureIo } from "../../tests/helpers/cli/capture-io.js";
import { command, simulateCampaign } from "./simulate.js";

const examples = new URL("../../examples/campaigns/", import.meta.url);
const schedule = { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-01-29T23:59:59+07:00" };

describe("simulateCampaign", () => {
  it("observes the configured odds when nothing runs out (chi-square over 200k plays, alpha 0.001)", () => {
    const prizes = [
      { id: "a", label: "A", weight: 30 },
      { id: "b", label: "B", weight: 10 },
      { id: "jackpot", label: "Jackpot", weight: 0.1 },
      { id: "none", label: "None", weight: 59.9, win: false },
    ];
    const report = simulateCampaign(testCampaign({ prizes, schedule }), { plays: 200_000, seed: 5 });
    expect(report.drawn).toBe(200_000);
    const fit = chiSquare(
      report.prizes.map((p) => p.given),
      prizes.map((p) => p.weight),
    );
    expect(fit.statistic).toBeLessThan(chiSquareCritical(fit.df, 0.001));
    expect(report.prizes.map((p) => p.configured)).toEqual([0.3, 0.1, 0.001, 0.599]);
  });

  it("reports the day stock ran out, the codes left, the cost, and the fallback taking over", () => {
    const c = testCampaign({
      schedule,
      prizes: [
        { id: "tv", label: "TV", weight: 50, stock: 10, value: 300, codes: Array.from({ length: 12 }, (_, i) => `TV-${i}`) },
        { id: "none", label: "None", weight: 50, win: false },
      ],
    });
    const report = simulateCampaign(c, { plays: 1000, seed: 1 });
    const tv = report.prizes[0]!;
    expect(tv).toMatchObject({ given: 10, stock: 10, left: 0, stockOutDay: "2027-01-20", codesLeft: 2, codeSource: "pool", cost: 3000 });
    expect(report.prizes[1]!.given).toBe(990);
    expect(report.totalCost).toBe(3000);
    expect(report.days).toBe(10);
    // the plays fill the schedule evenly, one day after the other
    expect(report.daily).toHaveLength(10);
    expect(report.daily.every((d) => Math.abs(d.plays - 100) <= 1)).toBe(true);
  });

  it("spreads plays over --days from the start, so pacing and daily caps show day by day", () => {
    const c = testCampaign({
      schedule,
      pacing: "even",
      prizes: [
        { id: "paced", label: "Paced", weight: 50, stock: 20 },
        { id: "capped", label: "Capped", weight: 50, dailyCap: 7 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
    });
    const report = simulateCampaign(c, { plays: 2000, seed: 2, days: 4 });
    expect(report.daily.map((d) => d.day)).toEqual(["2027-01-20", "2027-01-21", "2027-01-22", "2027-01-23"]);
    expect(report.daily.map((d) => d.given.paced)).toEqual([2, 2, 2, 2]);
    expect(report.daily.map((d) => d.left.paced)).toEqual([18, 16, 14, 12]);
    expect(report.daily.map((d) => d.given.capped)).toEqual([7, 7, 7, 7]);
    expect(report.prizes[1]!.cappedDays).toBe(4);
  });

  it("is reproducible with a seed", () => {
    const c = testCampaign({ schedule });
    expect(simulateCampaign(c, { plays: 5000, seed: "x" })).toEqual(simulateCampaign(c, { plays: 5000, seed: "x" }));
  });

  it("plays a quiz with random guesses, every visitor a lead, and gives only the prizes the scores allow", () => {
    const parsed = parseCampaign(readFileSync(new URL("quiz-en.json", examples), "utf8"));
    if (!parsed.ok) throw new Error("quiz-en.json should be valid");
    const report = simulateCampaign(parsed.campaign, { plays: 20_000, seed: 3 });
    expect(report.refused).toEqual({});
    const given = Object.fromEntries(report.prizes.map((p) => [p.id, p.given]));
    // random guesses: pass (3 of 5 right) is rare, a perfect score (1 in 1,080) rarer still
    expect(given.thanks).toBeGreaterThan(given.off10! + given.off20! + given.beans!);
    expect(given.off10).toBeGreaterThan(given.beans!);
    expect(given.beans).toBeLessThan(60);
    expect(report.assumptions.join(" ")).toMatch(/lead.*random guesses/);
    // the flat table is no play's chance: each score range is compared with its own table
    expect(report.prizes.every((p) => p.configured === null)).toBe(true);
    expect(report.groups!.map((g) => g.title)).toEqual([
      "A score of 3 or more, below 4",
      "A score of 4 or more, below 5",
      "A score of 5 or more",
    ]);
    for (const g of report.groups!) expect(g.prizes[0]).toMatchObject({ configured: 1, observed: 1 });
    expect(report.groups!.reduce((sum, g) => sum + g.plays, 0)).toBe(given.off10! + given.off20! + given.beans!);
  });
});

describe("minigame simulate", () => {
  const dir = mkdtempSync(join(tmpdir(), "minigame-simulate-"));
  const file = (name: string, doc: Partial<CampaignInput> | string) => {
    const path = join(dir, name);
    writeFileSync(path, typeof doc === "string" ? doc : JSON.stringify(testCampaign(doc)));
    return path;
  };

  it("prints the prize table with odds, observed shares and cost", async () => {
    const io = captureIo();
    expect(await command.run([fileURLToPath(new URL("tet.json", examples)), "--plays", "20000", "--seed", "1"], io)).toBe(0);
    const text = io.text();
    expect(text).toMatch(/tet-2027: 20,000 plays over 396 days from 2026-12-01 \(seed 1, [\d.]+ s\)/);
    expect(text).toMatch(/Điện thoại Galaxy A\s+0\.10%/);
    expect(text).toMatch(/expected cost [\d,]+/);
    expect(text).toContain("given per day");
  });

  it("writes the report as JSON with --json", async () => {
    const io = captureIo();
    expect(await command.run([file("a.json", { schedule }), "--plays", "100", "--days", "2", "--json"], io)).toBe(0);
    const report = JSON.parse(io.stdout.join("\n"));
    expect(report).toMatchObject({ campaignId: "test", plays: 100, days: 2, drawn: 100 });
    expect(report.daily).toHaveLength(2);
  });

  it("explains wrong arguments with exit code 2 and an invalid file with exit code 1", async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [[], 2, /^minigame simulate: the campaign file is missing\nusage: minigame simulate/],
      [[file("a.json", {}), file("a2.json", {}), "--plays", "10"], 2, /^minigame simulate: takes one campaign file, got 2: /],
      [[file("b.json", {}), "--plays", "0"], 2, /--plays must be a whole number/],
      [[file("c.json", {}), "--plays", "10", "--days", "1.5"], 2, /--days must be a whole number/],
      [
        [file("d.json", {}), "--plays", "10", "--bogus"],
        2,
        /^minigame simulate: unknown option --bogus \(it takes --plays, --seed, --days, --json\)$/m,
      ],
      [[file("d.json", {}), "--plays"], 2, /^minigame simulate: --plays needs a value$/m],
      [[file("d.json", {}), "--plays", "10", "--json=yes"], 2, /^minigame simulate: --json takes no value$/m],
      [[join(dir, "missing.json"), "--plays", "10"], 1, /missing\.json: no such file$/],
      [[file("f.json", '{\n  "id": "x",\n  "game" "wheel"\n}'), "--plays", "10"], 1, /f\.json:3:10: is not valid JSON \(/],
      [[file("e.json", '{"id": "x"}'), "--plays", "10"], 1, /problems?[\s\S]*prizes/],
    ];
    for (const [argv, code, message] of cases) {
      const io = captureIo();
      expect(await command.run(argv, io), argv.join(" ")).toBe(code);
      expect(io.stderr.join("\n")).toMatch(message);
    }
  });
});
