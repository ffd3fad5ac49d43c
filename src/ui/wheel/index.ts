// the wheel game chunk: the wheel stays on screen while loading, at the intro, spinning, and under the result
export { WheelGame as Game } from "./WheelGame.js";
export const underResult = true;
