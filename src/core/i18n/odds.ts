// the words of the published odds, in one table for the widget's odds sheet and `minigame odds --format html`,
// so the page a brand publishes and the sheet a visitor opens cannot drift apart
export type OddsLocale = "en" | "vi";

export const ODDS_STRINGS = {
  en: {
    "odds.link": "Odds & rules",
    "odds.title": "Odds & rules",
    "odds.prize": "Prize",
    "odds.chance": "Chance",
    "odds.stock": "Quantity",
    "odds.unlimited": "Unlimited",
    "odds.terms": "Terms",
    "odds.termsLink": "Full terms",
    "odds.oneIn": "Odds",
    "odds.oneInValue": "1 in {n}",
    "odds.never": "never",
    "odds.dailyCap": "Daily cap",
    "odds.perDay": "{n} a day",
    "odds.noCap": "none",
    "odds.noPrize": "(no prize)",
    "odds.rules": "Rules",
  },
  vi: {
    "odds.link": "Tỉ lệ & thể lệ",
    "odds.title": "Tỉ lệ & thể lệ",
    "odds.prize": "Giải thưởng",
    "odds.chance": "Tỉ lệ",
    "odds.stock": "Số lượng",
    "odds.unlimited": "Không giới hạn",
    "odds.terms": "Thể lệ",
    "odds.termsLink": "Xem thể lệ đầy đủ",
    "odds.oneIn": "Khả năng",
    "odds.oneInValue": "1 trên {n}",
    "odds.never": "không thể trúng",
    "odds.dailyCap": "Giới hạn mỗi ngày",
    "odds.perDay": "{n} mỗi ngày",
    "odds.noCap": "không",
    "odds.noPrize": "(không có quà)",
    "odds.rules": "Quy định",
  },
} as const satisfies Record<OddsLocale, Record<string, string>>;

export type OddsStringKey = keyof (typeof ODDS_STRINGS)["en"];

/** BCP 47 tag for number formatting in a locale */
export const numberLocale = (locale: OddsLocale) => (locale === "vi" ? "vi-VN" : "en-GB");

/**
 * A chance as the odds sheet shows it: "30%", "0,05%" in Vietnamese.
 * @example formatPercent(0.3, "vi") // "30%"
 */
export function formatPercent(p: number, locale: OddsLocale): string {
  const digits = p > 0 && p < 0.01 ? 2 : 1;
  return new Intl.NumberFormat(numberLocale(locale), { style: "percent", maximumFractionDigits: digits }).format(p);
}
