// the flip game chunk: it stays on screen under the result card, showing what was uncovered
export { FlipGame as Game } from "./FlipGame.js";
export const underResult = true;
export { FLIP_CSS as css } from "./styles.js";
export { strings } from "../strings.js";
