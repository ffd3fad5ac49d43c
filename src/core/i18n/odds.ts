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
 * A chance as the odds sheet shows it: "30%", "0,05%" in Vietnamese.
 * @example formatPercent(0.3, "vi") // "30%"
 */
export function formatPercent(p: number, locale: OddsLocale): string {
  const digits = p > 0 && p < 0.01 ? 2 : 1;
  return new Intl.NumberFormat(numberLocale(locale), { style: "percent", maximumFractionDigits: digits }).format(p);
}

/**
 * The rules in words (`minigame odds`, the published page): one template per sentence, `{name}` filled by the caller.
 * A key ending in `.1` is the singular of the key without it. Kept apart from ODDS_STRINGS so the widget, which does not
 * print them, does not carry them.
 */
export const RULES_STRINGS = {
  en: {
    "rules.runs": "The campaign runs from {from} to {to}, {tz} time.",
    "rules.starts": "The campaign starts on {from}, {tz} time.",
    "rules.ends": "The campaign ends on {to}, {tz} time.",
    "rules.limits": "Each visitor may play {limits}.",
    "rules.limitsDaily": "Each visitor may play {limits}; days start at midnight, {tz} time.",
    "rules.total": "up to {times} in total",
    "rules.total.1": "once in total",
    "rules.perDay": "at most {times} a day",
    "rules.and": " and ",
    "rules.times": "{n} times",
    "rules.times.1": "once",
    "rules.times.2": "twice",
    "rules.noLimit": "There is no limit on the number of plays per visitor.",
    "rules.cooldown": "Two plays by the same visitor are at least {duration} apart.",
    "rules.hours": "{n} hours",
    "rules.hours.1": "1 hour",
    "rules.minutes": "{n} minutes",
    "rules.minutes.1": "1 minute",
    "rules.seconds": "{n} seconds",
    "rules.seconds.1": "1 second",
    "rules.bonus": "Sharing the campaign gives {perShare}, up to {maxPerDay} a day.",
    "rules.extraPlays": "{n} extra plays",
    "rules.extraPlays.1": "1 extra play",
    "rules.lead": "Visitors give their {fields} before playing.",
    "rules.field.email": "email",
    "rules.field.phone": "phone",
    "rules.field.name": "name",
    "rules.stockOutFallback":
      'When a prize runs out ({causes}), its chance goes to "{fallback}"; the chances of the other prizes do not change.',
    "rules.stockOutShared":
      "When a prize runs out ({causes}), its chance is shared among the prizes still available, in proportion to their chances.",
    "rules.runsOut": "its stock, codes or daily cap",
    "rules.runsOutPaced": "its stock, codes, daily cap or the units released so far",
    "rules.pacing":
      "Stock is released evenly over the campaign's {days} days: by the end of day d, at most stock × d / {days} units of a prize (rounded up) can have been won; units not won on a day carry over to the next.",
    "rules.never": "{labels} are listed but cannot be won by drawing.",
    "rules.never.1": "{labels} is listed but cannot be won by drawing.",
    "rules.testMode": "Test mode: plays give no real prizes and no real codes.",
    "rules.drawn": "Each result is drawn by a cryptographically secure random generator before the {shown}.",
    "rules.shown.wheel": "wheel turns; the wheel only shows it",
    "rules.shown.quiz": "result is shown",
    "rules.shown.scratch": "card is scratched; scratching only uncovers it, and a reload shows the same result",
    "rules.shown.giftbox": "chosen box opens; the box only shows it",
    "rules.shown.flip": "chosen card turns over; the card only shows it",
    "rules.sampled.giftbox":
      "The boxes not picked show prizes drawn independently with the chances above: what they could have held, not what was missed.",
    "rules.sampled.flip":
      "The cards not picked show prizes drawn independently with the chances above: what they could have held, not what was missed.",
    "rules.quiz.outcome":
      "Each answer counts towards an outcome; the outcome with the most answers wins (a tie goes to the one listed first).",
    "rules.quiz.outcomeTitle": 'Outcome "{title}"',
    "rules.quiz.drawAmong": "a draw among {labels}",
    "rules.quiz.noPrize": "no prize",
    "rules.quiz.item": "{title}: {what}.",
    "rules.quiz.score":
      "Each right answer scores its points ({max} in all); a multiple-choice answer is right only with exactly the right choices.",
    "rules.quiz.below": "A score below {pass} wins no prize.",
    "rules.quiz.belowFallback": 'A score below {pass} wins no prize other than "{fallback}".',
    "rules.quiz.from": "A score of {from} or more",
    "rules.quiz.fromBelow": "A score of {from} or more, below {next}",
  },
  vi: {
    "rules.runs": "Chương trình diễn ra từ {from} đến {to}, theo giờ {tz}.",
    "rules.starts": "Chương trình bắt đầu lúc {from}, theo giờ {tz}.",
    "rules.ends": "Chương trình kết thúc lúc {to}, theo giờ {tz}.",
    "rules.limits": "Mỗi người chơi được chơi {limits}.",
    "rules.limitsDaily": "Mỗi người chơi được chơi {limits}; ngày mới bắt đầu lúc 0 giờ, theo giờ {tz}.",
    "rules.total": "tối đa {times} trong suốt chương trình",
    "rules.total.1": "1 lượt duy nhất trong suốt chương trình",
    "rules.perDay": "tối đa {times} mỗi ngày",
    "rules.and": " và ",
    "rules.times": "{n} lượt",
    "rules.noLimit": "Không giới hạn số lượt chơi của mỗi người.",
    "rules.cooldown": "Hai lượt chơi liên tiếp của cùng một người cách nhau ít nhất {duration}.",
    "rules.hours": "{n} giờ",
    "rules.minutes": "{n} phút",
    "rules.seconds": "{n} giây",
    "rules.bonus": "Chia sẻ chương trình được tặng thêm {perShare}, tối đa {maxPerDay} mỗi ngày.",
    "rules.extraPlays": "{n} lượt chơi",
    "rules.lead": "Người chơi để lại {fields} trước khi chơi.",
    "rules.field.email": "email",
    "rules.field.phone": "số điện thoại",
    "rules.field.name": "họ tên",
    "rules.stockOutFallback":
      'Khi một giải thưởng hết ({causes}), tỉ lệ trúng của giải đó được chuyển sang "{fallback}"; tỉ lệ của các giải khác không thay đổi.',
    "rules.stockOutShared":
      "Khi một giải thưởng hết ({causes}), tỉ lệ trúng của giải đó được chia cho các giải còn lại, theo tỉ lệ của từng giải.",
    "rules.runsOut": "hết số lượng, hết mã hoặc đã đủ số lượng trong ngày",
    "rules.runsOutPaced": "hết số lượng, hết mã, đã đủ số lượng trong ngày hoặc đã trao hết phần được phát đến lúc đó",
    "rules.pacing":
      "Giải thưởng được phát đều trong {days} ngày của chương trình: đến hết ngày thứ d, mỗi giải được trao tối đa số lượng × d / {days} (làm tròn lên); phần chưa trao hết trong ngày được cộng dồn sang ngày sau.",
    "rules.never": "{labels} có trong danh sách nhưng không thể trúng khi quay thưởng.",
    "rules.testMode": "Chế độ thử nghiệm: các lượt chơi không nhận giải thưởng và mã thật.",
    "rules.drawn": "Mỗi kết quả được bộ sinh số ngẫu nhiên an toàn mật mã quyết định trước khi {shown}.",
    "rules.shown.wheel": "vòng quay chuyển động; vòng quay chỉ hiển thị kết quả đó",
    "rules.shown.quiz": "kết quả hiện ra",
    "rules.shown.scratch": "thẻ được cào; việc cào chỉ làm lộ kết quả, và tải lại trang vẫn ra cùng kết quả",
    "rules.shown.giftbox": "hộp quà được chọn mở ra; hộp quà chỉ hiển thị kết quả đó",
    "rules.shown.flip": "lá bài được chọn lật lên; lá bài chỉ hiển thị kết quả đó",
    "rules.sampled.giftbox":
      "Các hộp quà không được chọn hiển thị giải được rút độc lập theo tỉ lệ ở trên: đó là những gì hộp có thể chứa, không phải giải bạn đã bỏ lỡ.",
    "rules.sampled.flip":
      "Các lá bài không được chọn hiển thị giải được rút độc lập theo tỉ lệ ở trên: đó là những gì lá bài có thể chứa, không phải giải bạn đã bỏ lỡ.",
    "rules.quiz.outcome":
      "Mỗi câu trả lời được tính cho một kết quả; kết quả nhận được nhiều câu trả lời nhất sẽ thắng (nếu bằng nhau, kết quả được liệt kê trước sẽ thắng).",
    "rules.quiz.outcomeTitle": 'Kết quả "{title}"',
    "rules.quiz.drawAmong": "quay thưởng trong số {labels}",
    "rules.quiz.noPrize": "không có quà",
    "rules.quiz.item": "{title}: {what}.",
    "rules.quiz.score":
      "Mỗi câu trả lời đúng được cộng số điểm của câu đó (tổng cộng {max} điểm); câu hỏi nhiều lựa chọn chỉ được tính đúng khi chọn đúng và đủ các đáp án.",
    "rules.quiz.below": "Dưới {pass} điểm sẽ không nhận được giải.",
    "rules.quiz.belowFallback": 'Dưới {pass} điểm sẽ không nhận được giải nào ngoài "{fallback}".',
    "rules.quiz.from": "Từ {from} điểm trở lên",
    "rules.quiz.fromBelow": "Từ {from} điểm đến dưới {next} điểm",
  },
} as const satisfies Record<OddsLocale, Record<string, string>>;

export type RulesStringKey = keyof (typeof RULES_STRINGS)["en"];

/**
 * A rules sentence in `locale` with `{name}` filled; `count` picks the singular (`key.1`, `key.2`) where the table has one.
 * @example rulesText("vi", "rules.times", { n: 3 }, 3) // "3 lượt"
 */
export function rulesText(locale: OddsLocale, key: RulesStringKey, vars: Record<string, string | number> = {}, count?: number): string {
  const table: Record<string, string> = RULES_STRINGS[locale];
  const template = (count !== undefined && table[`${key}.${count}`]) || table[key] || RULES_STRINGS.en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : m));
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
