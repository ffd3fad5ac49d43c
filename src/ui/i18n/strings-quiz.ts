// the quiz's strings, loaded with the quiz chunk
export const en = {
  "quiz.npsLow": "Not at all likely",
  "quiz.npsHigh": "Extremely likely",
  "quiz.start": "Start",
  "quiz.count": "{n} questions",
  "quiz.progress": "Question {i} of {n}",
  "quiz.next": "Next",
  "quiz.confirm": "Confirm",
  "quiz.finish": "See my result",
  "quiz.multiple": "Choose all that apply",
  "quiz.correct": "Correct!",
  "quiz.wrong": "Not quite",
  "quiz.timeLeft": "{s}s left",
  "quiz.timeUp": "Time is up",
  "quiz.score": "You scored {score} of {max}",
  "quiz.passed": "You passed the quiz",
  "quiz.failed": "Not enough right answers to pass",
  "quiz.outcome": "Your result",
};

export const vi: Record<keyof typeof en, string> = {
  "quiz.npsLow": "Chắc chắn không",
  "quiz.npsHigh": "Chắc chắn có",
  "quiz.start": "Bắt đầu",
  "quiz.count": "{n} câu hỏi",
  "quiz.progress": "Câu {i}/{n}",
  "quiz.next": "Tiếp theo",
  "quiz.confirm": "Xác nhận",
  "quiz.finish": "Xem kết quả",
  "quiz.multiple": "Chọn tất cả đáp án đúng",
  "quiz.correct": "Chính xác!",
  "quiz.wrong": "Chưa chính xác",
  "quiz.timeLeft": "Còn {s} giây",
  "quiz.timeUp": "Hết giờ",
  "quiz.score": "Bạn trả lời đúng {score}/{max} câu",
  "quiz.passed": "Bạn đã vượt qua câu đố",
  "quiz.failed": "Chưa đủ câu trả lời đúng để vượt qua",
  "quiz.outcome": "Kết quả của bạn",
};

export const strings = { en, vi };
