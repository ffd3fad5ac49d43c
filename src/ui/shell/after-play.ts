// the screens a visitor sees only after the game: their own chunk, fetched after the first paint
export { Result } from "./Result.js";
export { LeadForm } from "./LeadForm.js";
export { Denied, ErrorView } from "./Denied.js";
export { OddsSheet } from "./OddsSheet.js";
export { css } from "./after-play-styles.js";
export { strings } from "../i18n/strings-after.js";

export type AfterPlay = typeof import("./after-play.js");
