// the strings of the scratch card, gift box and flip cards, loaded with those games' chunks
export const en = {
  "scratch.cover": "Scratch here",
  "scratch.hint": "Scratch the card with your finger or mouse",
  "scratch.drawing": "Getting your card ready…",
  "scratch.reveal": "Reveal the card",
  "giftbox.hint": "Tap a box to open it",
  "giftbox.item": "Gift box {i}",
  "flip.hint": "Tap a card to turn it over",
  "flip.item": "Card {i}",
  "pick.opening": "Opening…",
  "pick.others": "The others show examples drawn at random from the published odds, not what they held; a prize shown may have run out.",
  "pick.othersLabel": "Other {item}, an example: {prize}",
};

export const vi: Record<keyof typeof en, string> = {
  "scratch.cover": "Cào tại đây",
  "scratch.hint": "Dùng ngón tay hoặc chuột để cào lớp phủ",
  "scratch.drawing": "Đang chuẩn bị thẻ…",
  "scratch.reveal": "Mở thẻ ngay",
  "giftbox.hint": "Chạm vào một hộp để mở quà",
  "giftbox.item": "Hộp quà số {i}",
  "flip.hint": "Chạm vào một thẻ để lật",
  "flip.item": "Thẻ số {i}",
  "pick.opening": "Đang mở…",
  "pick.others": "Các ô còn lại hiện ví dụ chọn ngẫu nhiên theo tỉ lệ công bố, không phải thứ bên trong; giải hiện ra có thể đã hết.",
  "pick.othersLabel": "{item} khác, ví dụ: {prize}",
};

export const strings = { en, vi };
