// a server-mode page's odds sheet reads the collector's public view, which has no codes: a prize limited by its code
// pool must still read as limited there, with the same quantity and rules `minigame odds` prints from the file
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCollector } from "../../src/collector/index.js";
import { command, renderOdds } from "../../src/cli/odds.js";
import { oddsGroups, rulesInWords } from "../../src/core/i18n/rules.js";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";
import { checkCampaign } from "../../src/embed/check.js";
import { captureIo } from "../helpers/cli/capture-io.js";

const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const wheel = {
  id: "pool-wheel",
  game: "wheel",
  locale: "en",
  mode: "server",
  prizes: [
    { id: "voucher", label: "Voucher", weight: 1, codes: codes("SECRET-V", 6) },
    { id: "none", label: "Next time", weight: 3, win: false },
  ],
  fallbackPrizeId: "none",
  limits: { perVisitor: { total: 2 } },
};
const quiz = {
  id: "pool-quiz",
  game: "quiz",
  locale: "vi",
  mode: "server",
  onStockOut: "renormalize",
  prizes: [
    { id: "gold", label: "Gold", weight: 1, codes: codes("SECRET-G", 4) },
    { id: "silver", label: "Silver", weight: 3 },
    { id: "none", label: "Thanks", weight: 1, win: false },
  ],
  fallbackPrizeId: "none",
  quiz: {
    questions: [{ id: "q", text: "?", choices: ["a", "b"], answer: 0, points: 2 }],
    prizeTiers: [
      { minScore: 1, prizeIds: ["silver"] },
      { minScore: 2, prizeIds: ["gold", "silver"] },
    ],
  },
};

const collector = createCollector({ dataDir: null, campaigns: [wheel, quiz], log: () => {} });
afterAll(() => collector.close());

/** the campaign a server-mode page mounts: the public view over HTTP, checked as the script tag checks it */
async function publicView(id: string): Promise<{ text: string; campaign: Campaign }> {
  const res = await collector.app.request(`/v1/campaigns/${id}`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const checked = checkCampaign(JSON.parse(text));
  if (!checked.ok) throw new Error(checked.issues.join("\n"));
  return { text, campaign: checked.campaign };
}

/** `minigame odds <file> --format json`, on the campaign file itself */
async function oddsCommand(doc: object): Promise<{ groups?: unknown; prizes?: unknown; rules: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), "minigame-public-odds-")), "campaign.json");
  writeFileSync(file, JSON.stringify(doc));
  const io = captureIo();
  expect(await command.run([file, "--format", "json"], io)).toBe(0);
  return JSON.parse(io.stdout.join("\n"));
}

describe("the odds of a server-mode campaign with code pools", () => {
  it("are the same from the collector's public view as from `minigame odds` on the file, and the view has no code", async () => {
    for (const doc of [wheel, quiz]) {
      const { text, campaign } = await publicView(doc.id);
      expect(text).not.toMatch(/SECRET|"codes"/);
      expect(renderOdds(campaign, "json")).toBe(JSON.stringify(await oddsCommand(doc), null, 2));
      // the sheet's own calls, in the campaign's language
      const file = parseCampaign(doc);
      if (!file.ok) throw new Error("invalid");
      expect(oddsGroups(campaign, campaign.locale)).toEqual(oddsGroups(file.campaign, campaign.locale));
      expect(rulesInWords(campaign, campaign.locale)).toEqual(rulesInWords(file.campaign, campaign.locale));
    }
  });

  it("gives a prize limited only by its codes its quantity and the stock-out rule", async () => {
    const { campaign } = await publicView(wheel.id);
    expect(oddsGroups(campaign)[0]!.odds.map((r) => [r.prize.id, r.stock])).toEqual([
      ["voucher", 6],
      ["none", null],
    ]);
    expect(rulesInWords(campaign, "en")).toContain(
      'When a prize runs out (its stock, codes or daily cap), its chance goes to "Next time"; the chances of the other prizes do not change.',
    );
    expect(renderOdds(campaign, "md")).toContain("| Voucher | 25.00% | 1 in 4 | 6 | none |");
  });
});
