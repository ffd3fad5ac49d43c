import { render } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { Breakdown } from "./Breakdown.js";
import { createFormat, STRINGS } from "./i18n.js";
import { toBreakdown } from "./metrics.js";

describe("Breakdown", () => {
  const root = document.createElement("div");
  afterEach(() => render(null, root));

  const labels = (sources: Record<string, unknown>) => {
    render(<Breakdown data={toBreakdown(sources)!} keyLabel="Source" t={STRINGS.en} f={createFormat("en")} />, root);
    return [...root.querySelectorAll("tbody tr")].map((tr) => [tr.getAttribute("data-key"), tr.querySelector(".key")?.textContent]);
  };

  it("shows a source named like an Object method as its name, and names only the API's own keys", () => {
    // sources as JSON.parse hands them over: `__proto__` is an own key there
    const sources = JSON.parse(
      '{"constructor":{"reach":5},"toString":{"reach":4},"__proto__":{"reach":3},"hasOwnProperty":{"reach":2},"direct":{"reach":1}}',
    );
    expect(labels(sources)).toEqual([
      ["constructor", "constructor"],
      ["toString", "toString"],
      ["__proto__", "__proto__"],
      ["hasOwnProperty", "hasOwnProperty"],
      ["direct", STRINGS.en.direct],
    ]);
  });

  it("heads a column named like an Object method with its name", () => {
    render(
      <Breakdown data={toBreakdown({ a: { constructor: 1, reach: 2 } })!} keyLabel="Source" t={STRINGS.en} f={createFormat("en")} />,
      root,
    );
    expect([...root.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["Source", "constructor", STRINGS.en.reach]);
  });
});
