import { describe, expect, it } from "vitest";
import { safeUrl } from "./url.js";
import { urlProblem } from "./url-problem.js";
import { problems, wheel } from "../../../tests/helpers/core/campaigns.js";

// the spellings of "run this script" that browsers accept, and a few that only an HTML parser decodes
const HOSTILE = [
  "javascript:alert(1)",
  " javascript:alert(1)",
  "\tjavascript:alert(1)",
  "java\nscript:alert(1)",
  "java\tscript:alert(1)",
  "java\u0000script:alert(1)",
  "JaVaScRiPt:alert(1)",
  "JAVASCRIPT:alert(1)",
  "javascript&colon;alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "javascript:alert(1)\u200b",
  "\u200bjavascript:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "data:image/png,notbase64<script>",
  "file:///etc/passwd",
  "blob:https://example.com/1",
  "//evil.example/x.png",
  "\\\\evil.example\\x.png",
  "https:\\\\evil.example",
  "https://",
  "https:example.com",
];

describe("urlProblem", () => {
  it.each(HOSTILE)("refuses %j for every use", (url) => {
    for (const kind of ["link", "image", "endpoint"] as const) {
      expect(urlProblem(url, kind), `${kind}: ${JSON.stringify(url)}`).toBeTypeOf("string");
      expect(safeUrl(url, kind)).toBeUndefined();
    }
  });

  it("accepts https everywhere, http for links and endpoints, relative paths and raster data only for images", () => {
    expect(safeUrl("https://shop.example/terms?x=1&y=2#top", "link")).toBe("https://shop.example/terms?x=1&y=2#top");
    expect(safeUrl("HTTPS://shop.example/a.png", "image")).toBe("HTTPS://shop.example/a.png");
    expect(safeUrl("http://localhost:8787/v1/events", "endpoint")).toBe("http://localhost:8787/v1/events");
    expect(safeUrl("http://shop.example/privacy", "link")).toBe("http://shop.example/privacy");
    expect(safeUrl("images/gift.png", "image")).toBe("images/gift.png");
    expect(safeUrl("/static/gift.webp", "image")).toBe("/static/gift.webp");
    expect(safeUrl("data:image/png;base64,iVBORw0KGgo=", "image")).toBe("data:image/png;base64,iVBORw0KGgo=");
    // mixed content: an http picture is blocked or upgraded on an https page, so it is refused up front
    expect(urlProblem("http://shop.example/a.png", "image")).toMatch(/scheme "http:"/);
    expect(urlProblem("/terms", "link")).toMatch(/absolute URL/);
    expect(urlProblem("data:image/png;base64,iVBORw0KGgo=", "link")).toMatch(/scheme "data:"/);
  });

  it("says what is wrong in words", () => {
    expect(urlProblem(" javascript:alert(1)", "link")).toBe("must not start or end with a space");
    expect(urlProblem("java\nscript:alert(1)", "image")).toBe("must not contain control characters such as a line break or a tab");
    expect(urlProblem("JaVaScRiPt:alert(1)", "link")).toBe('uses the scheme "javascript:", which is not allowed here; use https: or http:');
    expect(urlProblem("&#106;avascript:alert(1)", "image")).toBe("must not contain HTML entities such as &#58; or &colon;");
  });

  it("takes anything that is not a string or too long as unsafe", () => {
    expect(safeUrl(undefined, "link")).toBeUndefined();
    expect(safeUrl(42, "image")).toBeUndefined();
    expect(safeUrl(`https://a.example/${"x".repeat(2048)}`, "link")).toBeUndefined();
  });
});

describe("URL fields of a campaign", () => {
  it("refuses a hostile URL in every URL field, each with its path", () => {
    const bad = "java\nscript:alert(1)";
    const doc = wheel({
      prizes: [
        { id: "gift", label: "Gift", weight: 1, image: bad },
        { id: "none", label: "Next time", weight: 3, win: false, image: "JaVaScRiPt:alert(1)" },
      ],
      lead: { privacyUrl: " javascript:alert(1)" },
      termsUrl: "&#106;avascript:alert(1)",
      share: { url: "data:text/html,hi" },
      collector: { endpoint: "javascript:alert(1)", drawUrl: "ftp://x.example/draw" },
    });
    const found = problems(doc).map((p) => p.slice(0, p.indexOf(":")));
    expect(found).toEqual(
      expect.arrayContaining([
        "prizes[0].image",
        "prizes[1].image",
        "lead.privacyUrl",
        "termsUrl",
        "share.url",
        "collector.endpoint",
        "collector.drawUrl",
      ]),
    );
  });
});
