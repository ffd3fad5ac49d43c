// the dashboard page's entry: styles, then the app into #app
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";
import { render } from "preact";
import { App } from "./App.js";
import { prefetchedAnswers } from "./prefetch.js";

// how long the first render waits for the list and stats the shell's inline script asked for; a slower collector
// gets the page with "loading" in it after this
const FIRST_ANSWERS_MS = 1000;

const root = document.getElementById("app");
if (root) {
  prefetchedAnswers(FIRST_ANSWERS_MS).then(() => {
    root.textContent = "";
    render(<App />, root);
  });
}
