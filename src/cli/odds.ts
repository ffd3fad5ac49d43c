// minigame odds <file>: the published odds table and the rules in plain words, for a brand's terms
import { parseArgs } from "node:util";
import type { Campaign, OddsRow } from "../core/index.js";
import { describeArgError } from "./args.js";
import { EXIT, processIo, type Command } from "./command.js";
import { loadCampaign, oneFile } from "./load-campaign.js";
import { formatChance } from "./simulate-report.js";
import { oddsPage } from "./odds-page.js";
import { formatOneIn, type OddsLocale } from "../core/i18n/odds.js";
import { oddsGroups, rulesInWords, type OddsGroup } from "../core/i18n/rules.js";

// the tables per quiz score or outcome, built in core for this command and the widget's odds sheet alike
export { oddsGroups, type OddsGroup };

export type OddsFormat = "md" | "html" | "json";
const FORMATS: readonly OddsFormat[] = ["md", "html", "json"];
const USAGE = "usage: minigame odds <file> [--format md|html|json] [--locale vi|en]";
const LOCALES: readonly OddsLocale[] = ["vi", "en"];

/** "1 in 1,001" for 0.0999%; "never" for a prize that cannot be drawn */
export function oneIn(p: number): string {
  return p > 0 ? `1 in ${formatOneIn(p, "en")}` : "never";
}

type Row = { label: string; win: boolean; chance: string; oneIn: string; stock: string; dailyCap: string };

function rowsOf(odds: OddsRow[]): Row[] {
  return odds.map((r) => ({
    label: r.prize.label,
    win: r.prize.win,
    chance: formatChance(r.probability),
    oneIn: oneIn(r.probability),
    stock: r.stock === null ? "unlimited" : r.stock.toLocaleString("en-US"),
    dailyCap: r.dailyCap === null ? "none" : `${r.dailyCap.toLocaleString("en-US")} a day`,
  }));
}

/**
 * The odds of each prize for one play, with stock, caps and the campaign's rules, as Markdown, HTML
 * (every piece of campaign text escaped) or JSON. Quiz odds are given per tier or outcome.
 * @example renderOdds(campaign, "md") // "| Prize | Chance | ... |\n| Voucher 50.000đ | 30.00% | 1 in 3.3 | ..."
 */
export function renderOdds(campaign: Campaign, format: OddsFormat, options: { locale?: OddsLocale } = {}): string {
  if (format === "html") {
    // the published page speaks the campaign's language throughout: tables, group titles and rules
    const locale = options.locale ?? campaign.locale;
    return oddsPage(campaign, oddsGroups(campaign, locale), rulesInWords(campaign, locale), locale);
  }
  const groups = oddsGroups(campaign);
  const rules = rulesInWords(campaign);
  const title = campaign.title ?? campaign.id;
  if (format === "json") {
    const json = (odds: OddsRow[]) =>
      odds.map((r) => ({
        id: r.prize.id,
        label: r.prize.label,
        win: r.prize.win,
        weight: r.weight,
        probability: r.probability,
        oneIn: oneIn(r.probability),
        stock: r.stock,
        dailyCap: r.dailyCap,
      }));
    const body =
      groups.length === 1 && groups[0]!.title === null
        ? { prizes: json(groups[0]!.odds) }
        : { groups: groups.map((g) => ({ title: g.title, prizes: json(g.odds) })) };
    return JSON.stringify({ campaignId: campaign.id, title, ...body, pacing: campaign.pacing, rules }, null, 2);
  }
  const header = ["Prize", "Chance per play", "Odds", "Stock", "Daily cap"];
  const cells = (r: Row) => [r.win ? r.label : `${r.label} (no prize)`, r.chance, r.oneIn, r.stock, r.dailyCap];
  // Markdown
  {
    const md = (s: string) => s.replace(/[\\|*_`[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
    const table = (g: OddsGroup) => [
      ...(g.title === null ? [] : [`### ${md(g.title)}`, ""]),
      `| ${header.join(" | ")} |`,
      `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
      ...rowsOf(g.odds).map((r) => `| ${cells(r).map(md).join(" | ")} |`),
      "",
    ];
    return [`## Odds: ${md(title)}`, "", ...groups.flatMap(table), ...rules.map((rule) => `- ${md(rule)}`), ""].join("\n");
  }
}

/** text to HTML text or attribute value: nothing from a campaign file becomes markup */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const command: Command = {
  name: "odds",
  summary: "print the published odds and rules of a campaign for its terms (Markdown, HTML or JSON)",
  usage: "<file> [--format md|html|json] [--locale vi|en]",
  async run(argv, io = processIo) {
    // biome-ignore lint/suspicious/noImplicitAnyLet: the type is what parseArgs infers from the options below
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { format: { type: "string", default: "md" }, locale: { type: "string" } },
      });
    } catch (e) {
      io.err(`${describeArgError("odds", e, ["format", "locale"])}\n${USAGE}`);
      return EXIT.usage;
    }
    const format = parsed.values.format as OddsFormat;
    if (parsed.positionals.length !== 1 || !FORMATS.includes(format)) {
      io.err(
        FORMATS.includes(format)
          ? `minigame odds: ${oneFile(parsed.positionals)}\n${USAGE}`
          : `--format must be md, html or json, got ${format}\n${USAGE}`,
      );
      return EXIT.usage;
    }
    const locale = parsed.values.locale as OddsLocale | undefined;
    if (locale !== undefined && !LOCALES.includes(locale)) {
      io.err(`--locale must be vi or en, got ${locale}\n${USAGE}`);
      return EXIT.usage;
    }
    const campaign = await loadCampaign(parsed.positionals[0]!, io);
    if (!campaign) return EXIT.failed;
    io.out(renderOdds(campaign, format, { locale }).replace(/\n$/, ""));
    return EXIT.ok;
  },
};
