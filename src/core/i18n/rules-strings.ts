// the rules in words, one template per sentence in each language: `minigame odds` and the widget's odds sheet
// (src/core/i18n/rules.ts) fill them; apart from odds.ts so that the screens after a play do not carry them
import type { OddsLocale } from "./odds.js";

/**
 * The rules in words (`minigame odds`, the published page, the widget's odds sheet): one template per sentence, `{name}` filled by the caller.
 * A key ending in `.1` is the singular of the key without it. Kept apart from ODDS_STRINGS (in a module of their own) so that
 * only the widget's odds sheet, a chunk fetched when it opens, carries them.
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
    "rules.stockOutSharedQuiz":
      "When a prize runs out ({causes}), its chance is shared among the prizes still available in the same draw (the same score or outcome), in proportion to their chances.",
    "rules.runsOut": "its stock, codes or daily cap",
    "rules.runsOutPaced": "its stock, codes, daily cap or the units released so far",
    "rules.quiz.tierOutFallback": 'When every prize of a score or outcome has run out, that score or outcome gets "{fallback}".',
    "rules.quiz.tierOut": "When every prize of a score or outcome has run out, the play is refused and does not count.",
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
    "rules.slices": "The wheel's slices are all the same size: a slice's size is not its chance. The chances are the ones in the table.",
    "rules.sampled.giftbox":
      "The boxes not picked show examples drawn at random with the chances above, not what they held: nothing was missed, and a prize shown there may no longer be available.",
    "rules.sampled.flip":
      "The cards not picked show examples drawn at random with the chances above, not what they held: nothing was missed, and a prize shown there may no longer be available.",
    "rules.quiz.outcome":
      "Each answer counts towards an outcome; the outcome with the most answers wins (a tie goes to the one listed first).",
    "rules.quiz.outcomeTitle": 'Outcome "{title}"',
    "rules.quiz.drawAmong": "a draw among {labels}",
    "rules.quiz.noPrize": "no prize",
    "rules.quiz.onlyFallback": 'no prize other than "{fallback}"',
    "rules.quiz.outcomePass": "The outcome with the most answers needs at least {pass} of them; with fewer, the play gets {what}.",
    "rules.quiz.outcomePass.1": "The outcome with the most answers needs at least 1 of them; with no answer, the play gets {what}.",
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
    "rules.stockOutSharedQuiz":
      "Khi một giải thưởng hết ({causes}), tỉ lệ trúng của giải đó được chia cho các giải còn lại trong cùng lượt quay thưởng (cùng mức điểm hoặc cùng kết quả), theo tỉ lệ của từng giải.",
    "rules.runsOut": "hết số lượng, hết mã hoặc đã đủ số lượng trong ngày",
    "rules.runsOutPaced": "hết số lượng, hết mã, đã đủ số lượng trong ngày hoặc đã trao hết phần được phát đến lúc đó",
    "rules.quiz.tierOutFallback": 'Khi mọi giải của một mức điểm hoặc một kết quả đều đã hết, mức điểm hoặc kết quả đó nhận "{fallback}".',
    "rules.quiz.tierOut": "Khi mọi giải của một mức điểm hoặc một kết quả đều đã hết, lượt chơi bị từ chối và không bị tính.",
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
    "rules.slices":
      "Các ô trên vòng quay có kích thước bằng nhau: kích thước của một ô không phải là tỉ lệ trúng. Tỉ lệ trúng là tỉ lệ trong bảng.",
    "rules.sampled.giftbox":
      "Các hộp quà không được chọn hiển thị ví dụ được rút ngẫu nhiên theo tỉ lệ ở trên, không phải thứ có trong hộp: bạn không bỏ lỡ giải nào, và giải hiện ở đó có thể đã hết.",
    "rules.sampled.flip":
      "Các lá bài không được chọn hiển thị ví dụ được rút ngẫu nhiên theo tỉ lệ ở trên, không phải thứ có trên lá bài: bạn không bỏ lỡ giải nào, và giải hiện ở đó có thể đã hết.",
    "rules.quiz.outcome":
      "Mỗi câu trả lời được tính cho một kết quả; kết quả nhận được nhiều câu trả lời nhất sẽ thắng (nếu bằng nhau, kết quả được liệt kê trước sẽ thắng).",
    "rules.quiz.outcomeTitle": 'Kết quả "{title}"',
    "rules.quiz.drawAmong": "quay thưởng trong số {labels}",
    "rules.quiz.noPrize": "không có quà",
    "rules.quiz.onlyFallback": 'không có giải nào ngoài "{fallback}"',
    "rules.quiz.outcomePass": "Kết quả có nhiều câu trả lời nhất cần ít nhất {pass} câu trả lời; nếu ít hơn, lượt chơi {what}.",
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
