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
  "quiz.wrong": "Chưa đúng rồi",
  "quiz.timeLeft": "Còn {s} giây",
  "quiz.timeUp": "Hết giờ",
  "quiz.score": "Bạn đúng {score}/{max} câu",
};

export const strings = { en, vi };
