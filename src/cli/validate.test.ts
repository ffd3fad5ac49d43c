import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureIo } from "../../tests/helpers/cli/capture-io.js";
import { summarize } from "./validate.js";
import { parseCampaign } from "../core/index.js";

const example = (name: string) => fileURLToPath(new URL(`../../examples/campaigns/${name}`, import.meta.url));

async function validate(...files: string[]) {
  const io = captureIo();
  const code = await main(["validate", ...files], io);
  return { code, ...io };
}

describe("minigame validate", () => {
  it("prints a one-line summary of a valid campaign and exits 0", async () => {
    const r = await validate(example("tet.json"));
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual(["tet-2027: wheel, 6 prizes, 2026-12-01 → 2027-12-31 (Asia/Ho_Chi_Minh), server mode"]);
    expect(r.stderr).toEqual([]);
  });

  it("summarizes quizzes with their mode and question count", async () => {
    const r = await validate(example("quiz-en.json"), example("personality-en.json"));
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      "coffee-quiz-2027: quiz (score, 5 questions), 4 prizes, 2026-12-01 → 2027-12-31 (Europe/London), server mode",
      "travel-style: quiz (outcome, 4 questions), 3 prizes, 2026-12-01 → 2027-12-31 (Asia/Singapore), client mode (limits per browser)",
    ]);
  });

  it("lists every problem of the broken example with its path and exits 1", async () => {
    const file = example("broken.json");
    const r = await validate(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toEqual([
      `${file}: 12 problems`,
      "  limits.perVisitor.perDay: must be ≥ 1, got 0",
      "  prizes[1].weight: must be ≥ 0, got -1",
      '  prizes[1].weigth: is not a known field (did you mean "weight"?)',
      '  theme.primary: must be a CSS colour such as #d62828 or rgb(214, 40, 40), got "red; background: url(x)"',
      '  timezone: must be an IANA time zone such as "Asia/Ho_Chi_Minh" or "Europe/Paris", got "Asia/Hanoi"',
      "  schedule.endsAt: must be after schedule.startsAt (2027-02-10T00:00:00+07:00), got 2027-01-20T00:00:00+07:00",
      '  prizes[0].codes[2]: "A1" appears twice (also in prizes[0].codes[0]); every code must be unique',
      "  prizes[0].codes: has 3 codes for a stock of 5: add codes or lower the stock",
      '  prizes[2].id: "voucher" is already used by prizes[0]; prize ids must be unique',
      '  prizes[0].stock: a stock can only be kept by the collector: in client mode every browser counts its own; set "mode": "server" so the collector enforces it for everyone, or remove stock',
      '  prizes[0].codes: a code pool can only be handed out by the collector: in client mode the whole pool is readable in the campaign file and every browser starts at the first code; set "mode": "server" so the collector enforces it for everyone, or give one shared "code"',
      '  fallbackPrizeId: "voucher" must be a prize with "win": false',
    ]);
  });

  it("checks every file given and fails if any fails", async () => {
    const r = await validate(example("tet.json"), example("broken.json"));
    expect(r.code).toBe(1);
    expect(r.stdout).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/broken\.json: 12 problems$/);
  });

  it("reports files that are missing or not JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "minigame-validate-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{ "id": ');
    const r = await validate(join(dir, "missing.json"), bad);
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toBe(`${join(dir, "missing.json")}: no such file`);
    // JSON.parse names a character offset; an editor wants the line and column
    expect(r.stderr[1]).toMatch(new RegExp(`^${bad.replace(/[.\\]/g, "\\$&")}:1:8: is not valid JSON \\(`));
    expect(r.stderr).toHaveLength(2);
    expect((await validate(dir)).stderr).toEqual([`${dir}: is a folder, not a campaign file`]);
  });

  it("asks for a file when none is given", async () => {
    const r = await validate();
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual(["minigame validate: the campaign file is missing", "usage: minigame validate <file...>"]);
  });

  it("refuses an option it does not know instead of skipping it", async () => {
    const r = await validate("--strict", example("tet.json"));
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr[0]).toBe("minigame validate: unknown option --strict (it takes no options)");
  });

  it("shows days in the campaign time zone, and says when there is no schedule", () => {
    const base = {
      id: "x",
      game: "wheel",
      prizes: [
        { id: "a", label: "A", weight: 1 },
        { id: "b", label: "B", weight: 1 },
      ],
    };
    const late = parseCampaign({ ...base, timezone: "Asia/Tokyo", schedule: { startsAt: "2027-01-19T15:30:00Z" }, testMode: true });
    const none = parseCampaign(base);
    if (!late.ok || !none.ok) throw new Error("fixture should be valid");
    // 15:30 UTC is already the next day in Tokyo
    expect(summarize(late.campaign)).toBe("x: wheel, 2 prizes, 2027-01-20 → … (Asia/Tokyo), client mode (limits per browser), test mode");
    expect(summarize(none.campaign)).toBe("x: wheel, 2 prizes, no schedule (UTC), client mode (limits per browser)");
  });
});
