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
    "odds.perBrowser":
      "Play limits are counted by this browser only: another browser, device or cleared browsing data starts the count again.",
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
    "odds.perBrowser":
      "Giới hạn lượt chơi chỉ được tính trên trình duyệt này: trình duyệt, thiết bị khác hoặc xoá dữ liệu duyệt web sẽ tính lại từ đầu.",
  },
} as const satisfies Record<OddsLocale, Record<string, string>>;

export type OddsStringKey = keyof (typeof ODDS_STRINGS)["en"];

/** BCP 47 tag for number formatting in a locale */
export const numberLocale = (locale: OddsLocale) => (locale === "vi" ? "vi-VN" : "en-GB");

/**
 * A chance as the odds sheet and the published page show it: "30%", "0,05%" in Vietnamese. Rounding never makes it
 * false: a chance above 0 never reads "0%" (two significant digits below 1%), one below 1 never reads "100%".
 * @example formatPercent(0.0000025, "en") // "0.00025%"
 */
export function formatPercent(p: number, locale: OddsLocale): string {
  const format = (options: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(numberLocale(locale), { style: "percent", ...options }).format(p);
  if (p > 0 && p < 0.01) return format({ maximumSignificantDigits: 2 });
  let digits = 1;
  // 99.97% is not certain: more digits until it stops rounding to 100%
  while (p < 1 && digits < 8 && Math.round(p * 100 * 10 ** digits) >= 100 * 10 ** digits) digits++;
  return format({ maximumFractionDigits: digits });
}

/**
 * N of "1 in N" for a chance p > 0, rounded so that it stays true: one decimal below 10 ("3.3" for 30%, "1.3" for 75%,
 * never "1" for a chance below 1), whole numbers from 10 up, grouped as the locale writes numbers.
 * @example formatOneIn(0.3, "vi") // "3,3"
 */
export function formatOneIn(p: number, locale: OddsLocale): string {
  const n = 1 / p;
  let digits = n < 10 ? 1 : 0;
  // 1 in 1.0 would promise the prize: more decimals for a chance just short of certain
  while (p < 1 && digits < 8 && Math.round(n * 10 ** digits) === 10 ** digits) digits++;
  return new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: digits }).format(n);
}

/**
 * A date in the campaign's time zone, as people write it: "00:00 ngày 20/01/2027" in Vietnamese, "20 Jan 2027, 00:00" in
 * English. The widget and the published rules write dates alike.
 * @example formatDate(Date.parse("2027-01-20T00:00:00+07:00"), "vi", "Asia/Ho_Chi_Minh") // "00:00 ngày 20/01/2027"
 */
export function formatDate(ts: number, locale: OddsLocale, timeZone: string): string {
  try {
    if (locale !== "vi") return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(ts);
    // vi-VN's "medium" style prints "20 thg 1, 2027", an abbreviation nobody writes; numbers read naturally
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(ts);
    const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? "";
    return `${p("hour")}:${p("minute")} ngày ${p("day")}/${p("month")}/${p("year")}`;
  } catch {
    return new Date(ts).toISOString().slice(0, 16).replace("T", " ");
  }
}
