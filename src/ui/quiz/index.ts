// the quiz game chunk: a spinner while loading, the intro, then the questions; the result card replaces it
export { QuizScreen as Game } from "./Quiz.js";
export const underResult = false;
export { css } from "./styles.js";
export { strings } from "../i18n/strings-quiz.js";
