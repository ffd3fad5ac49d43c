// the giftbox game chunk: it stays on screen under the result card, showing what was uncovered
export { GiftBoxGame as Game } from "./GiftBoxGame.js";
export const underResult = true;
export { GIFTBOX_CSS as css } from "./styles.js";
export { strings } from "../strings.js";
