// the dashboard page's entry: styles, then the app into #app
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";
import { render } from "preact";
import { App } from "./App.js";

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(<App />, root);
}
