// the scratch game chunk: it stays on screen under the result card, showing what was uncovered
export { ScratchGame as Game } from "./ScratchGame.js";
export const underResult = true;
export { SCRATCH_CSS as css } from "./styles.js";
export { strings } from "../strings.js";
