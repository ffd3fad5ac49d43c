import { describe, expect, it } from "vitest";
import { campaignOf } from "../../tests/helpers/ui/campaigns.js";
import { segmentColors, themeVars } from "./theme.js";

const theme = (t: Record<string, unknown>) => campaignOf({ game: "giftbox", prizes: [{ id: "a", label: "A", weight: 1 }], theme: t }).theme;

describe("themeVars", () => {
  it("fills a whole look from a preset, and the campaign's own fields win over it", () => {
    const tet = themeVars(theme({ preset: "tet" }));
    expect(tet).toMatchObject({ "--mg-primary": "#c8102e", "--mg-accent": "#ffc83d", "--mg-radius": "22px", "--mg-btn-radius": "999px" });
    expect(tet["--mg-surface"]).toBe("linear-gradient(160deg,#fffaf0,#ffe6b0),#fff8e7");
    expect(themeVars(theme({ preset: "tet", primary: "#0a7" }))["--mg-primary"]).toBe("#0a7");
    expect(segmentColors(theme({ preset: "dark" }), 4)).toEqual(["#f5b83d", "#263146", "#e39b12", "#34405a"]);
  });

  it("puts a background picture under the gradient only when its URL is safe, escaped for CSS", () => {
    const vars = themeVars(theme({ backgroundImage: 'img/a").b.png', radius: 0, buttonStyle: "square" }));
    expect(vars["--mg-surface"]).toBe('url("img/a%22).b.png") center/cover,#ffffff');
    expect(vars).toMatchObject({ "--mg-radius": "0px", "--mg-btn-radius": "6px" });
    // the schema refuses it; a campaign object that never went through the schema is held here too
    expect(themeVars({ backgroundImage: "javascript:alert(1)" } as Parameters<typeof themeVars>[0])["--mg-surface"]).toBeUndefined();
  });
});
