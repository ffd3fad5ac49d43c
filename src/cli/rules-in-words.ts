// the rules in words live in core (src/core/i18n/rules.ts), shared with the widget's odds sheet
export { rulesInWords, tierRanges } from "../core/i18n/rules.js";
