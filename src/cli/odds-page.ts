// `minigame odds --format html`: a complete UTF-8 page in the campaign's language, in the words of the widget's odds sheet
import type { Campaign } from "../core/index.js";
import { formatOneIn, formatPercent, numberLocale, ODDS_STRINGS, type OddsLocale, type OddsStringKey } from "../core/i18n/odds.js";
import type { OddsGroup } from "../core/i18n/rules.js";
import { escapeHtml as h } from "./odds.js";

/**
 * The odds page: title, one table per draw (prize, chance, odds, quantity, daily cap), the campaign's terms and the rules.
 * Group titles and rules come in `locale` from the caller (oddsGroups, rulesInWords), like every word here.
 * @example oddsPage(campaign, oddsGroups(campaign, "vi"), rulesInWords(campaign, "vi"), "vi")
 */
export function oddsPage(campaign: Campaign, groups: OddsGroup[], rules: string[], locale: OddsLocale): string {
  const words = ODDS_STRINGS[locale];
  const t = (key: OddsStringKey, n?: string) => words[key].replace("{n}", n ?? "");
  const count = (n: number) => n.toLocaleString(numberLocale(locale));
  const title = `${t("odds.title")}: ${campaign.title ?? campaign.id}`;
  const header = [t("odds.prize"), t("odds.chance"), t("odds.oneIn"), t("odds.stock"), t("odds.dailyCap")];
  const table = (g: OddsGroup) => [
    ...(g.title === null ? [] : [`<h2>${h(g.title)}</h2>`]),
    `<table>`,
    `<thead><tr>${header.map((c) => `<th scope="col">${h(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...g.odds.map((r) => {
      const cells = [
        formatPercent(r.probability, locale),
        r.probability > 0 ? t("odds.oneInValue", formatOneIn(r.probability, locale)) : t("odds.never"),
        r.stock === null ? t("odds.unlimited") : count(r.stock),
        r.dailyCap === null ? t("odds.noCap") : t("odds.perDay", count(r.dailyCap)),
      ];
      const prize = r.prize.win ? r.prize.label : `${r.prize.label} ${t("odds.noPrize")}`;
      return `<tr><th scope="row">${h(prize)}</th>${cells.map((c) => `<td>${h(c)}</td>`).join("")}</tr>`;
    }),
    `</tbody>`,
    `</table>`,
  ];
  const termsUrl = campaign.termsUrl && /^https?:\/\//i.test(campaign.termsUrl) ? campaign.termsUrl : null;
  const terms = [
    ...(campaign.terms || termsUrl ? [`<h2>${h(t("odds.terms"))}</h2>`] : []),
    ...(campaign.terms ? [`<p class="terms">${h(campaign.terms)}</p>`] : []),
    ...(termsUrl ? [`<p><a href="${h(termsUrl)}" rel="noopener noreferrer">${h(t("odds.termsLink"))}</a></p>`] : []),
  ];
  return [
    `<!doctype html>`,
    `<html lang="${locale}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${h(title)}</title>`,
    `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f2328}` +
      `table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{padding:.4rem .6rem;border-bottom:1px solid #d0d7de;text-align:right}` +
      `th[scope=row],thead th:first-child{text-align:left}.terms{white-space:pre-line}</style>`,
    `</head>`,
    `<body>`,
    `<main class="minigame-odds">`,
    `<h1>${h(title)}</h1>`,
    ...groups.flatMap(table),
    ...terms,
    `<h2>${h(t("odds.rules"))}</h2>`,
    `<ul>`,
    ...rules.map((rule) => `<li>${h(rule)}</li>`),
    `</ul>`,
    `</main>`,
    `</body>`,
    `</html>`,
    "",
  ].join("\n");
}
