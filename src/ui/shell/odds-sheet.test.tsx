import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, within } from "@testing-library/preact";
import { parseCampaign } from "../../core/schema/parse.js";
import type { Campaign } from "../../core/schema/campaign.js";
import { renderWidget } from "../../../tests/helpers/ui/render-widget.js";
import { campaignOf } from "../../../tests/helpers/ui/campaigns.js";
import { rulesInWords } from "../../core/i18n/rules.js";

afterEach(() => {
  document.body.innerHTML = "";
});

// the shipped examples (the dom environment has no file URL to resolve them from; tests run at the repository root)
const example = (name: string, extra: Partial<Campaign> = {}): Campaign => {
  const parsed = parseCampaign(readFileSync(join(process.cwd(), "examples/campaigns", name), "utf8"));
  if (!parsed.ok) throw new Error(`${name} should be valid`);
  return { ...parsed.campaign, ...extra };
};

/** open the sheet as a visitor does, from the game screen's link; the campaign's own tables (no `odds` passed) */
async function openSheet(campaign: Campaign, link: string, title: string) {
  const { ui } = renderWidget(campaign, {}, { odds: undefined });
  fireEvent.click(await ui().findByRole("button", { name: link }, { timeout: 5000 }));
  const dialog = await ui().findByRole("dialog", { name: title }, { timeout: 5000 });
  const tables = [...dialog.querySelectorAll("section")].map((s) => ({
    title: s.querySelector("h4")?.textContent ?? null,
    rows: [...s.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
  }));
  const rules = [...dialog.querySelectorAll(".mg-rules li")].map((li) => li.textContent);
  return { dialog, tables, rules };
}

describe("the odds sheet", () => {
  it("shows a quiz's odds per score range, as the engine draws them, never the flat table", async () => {
    const quiz = example("quiz-en.json");
    const { dialog, tables, rules } = await openSheet(quiz, "Odds & rules", "Odds & rules");
    expect(tables).toEqual([
      { title: "A score of 3 or more, below 4", rows: [["10% off your next order", "100%1 in 1", "Unlimited"]] },
      { title: "A score of 4 or more, below 5", rows: [["20% off your next order", "100%1 in 1", "Unlimited"]] },
      { title: "A score of 5 or more", rows: [["Free 250 g bag of beans", "100%1 in 1", "10010 a day"]] },
    ]);
    expect(dialog.textContent).not.toContain("25%");
    // the rules are the published page's, word for word
    expect(rules).toEqual(rulesInWords(quiz, "en"));
    expect(rules).toContain(
      'When a prize runs out (its stock, codes or daily cap), its chance goes to "Thanks for playing!"; the chances of the other prizes do not change.',
    );
    expect(rules).toContain('A score of 5 or more: a draw among "Free 250 g bag of beans".');
  });

  it("speaks Vietnamese, with an outcome quiz's tables per outcome", async () => {
    const quiz = example("quiz-en.json", { locale: "vi" });
    const { tables, rules } = await openSheet(quiz, "Tỉ lệ & thể lệ", "Tỉ lệ & thể lệ");
    expect(tables.map((t) => t.title)).toEqual(["Từ 3 điểm đến dưới 4 điểm", "Từ 4 điểm đến dưới 5 điểm", "Từ 5 điểm trở lên"]);
    expect(tables[2]!.rows[0]![2]).toBe("10010 mỗi ngày");
    expect(rules).toEqual(rulesInWords(quiz, "vi"));
    const personality = await openSheet(example("personality-en.json"), "Odds & rules", "Odds & rules");
    expect(personality.tables.map((t) => t.title)).toEqual([
      'Outcome "Beach dreamer"',
      'Outcome "City explorer"',
      'Outcome "Trail seeker"',
    ]);
  });

  it("shows the rules that change a chance (caps, stock-out, pacing, unequal slices) and true numbers", async () => {
    const tet = example("tet.json");
    const { tables, rules } = await openSheet(tet, "Tỉ lệ & thể lệ", "Tỉ lệ & thể lệ");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title).toBeNull();
    const voucher = tables[0]!.rows.find((r) => r[0] === "Voucher 50.000đ")!;
    expect(voucher[1]).toBe("30%1 trên 3,3");
    expect(voucher[2]).toMatch(/mỗi ngày$/);
    expect(rules).toEqual(rulesInWords(tet, "vi"));
    expect(rules.join(" ")).toContain("phát đều trong");
    expect(rules.join(" ")).toContain("kích thước của một ô không phải là tỉ lệ trúng");
  });

  it("never shows 0% for a prize that can be drawn, nor 1 in 1 for 75%", async () => {
    const c = campaignOf({
      game: "wheel",
      locale: "en",
      prizes: [
        { id: "car", label: "Car", weight: 1, code: "CAR" },
        { id: "mug", label: "Mug", weight: 299_999, code: "MUG" },
        { id: "none", label: "None", weight: 100_000, win: false },
      ],
    });
    const { tables } = await openSheet(c, "Odds & rules", "Odds & rules");
    expect(tables[0]!.rows).toEqual([
      ["Car", "0.00025%1 in 400,000", "Unlimited"],
      ["Mug", "75%1 in 1.3", "Unlimited"],
      ["None(no prize)", "25%1 in 4", "Unlimited"],
    ]);
  });

  it("keeps a quiz's tables even when the caller passes one table", async () => {
    const quiz = example("quiz-en.json");
    const { ui } = renderWidget(quiz);
    fireEvent.click(await ui().findByRole("button", { name: "Odds & rules" }, { timeout: 5000 }));
    const dialog = await ui().findByRole("dialog", { name: "Odds & rules" }, { timeout: 5000 });
    expect(within(dialog).getByText("A score of 5 or more")).toBeTruthy();
    expect(dialog.textContent).not.toContain("25%");
  });
});
