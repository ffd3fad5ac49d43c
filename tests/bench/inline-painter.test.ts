// the bench's inline-painter loader: it must measure the shipped loader with only the first frame's lookup changed,
// and stop rather than measure an unchanged loader when src/embed/script.ts moves on
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildInlinePainterLoader, inlinePainter } from "../../bench/lib/inline-painter.js";

describe("the inline-painter loader", () => {
  it("answers the first frame's three chunks from static imports and leaves the rest of the loader as it is", async () => {
    const source = await readFile("src/embed/script.ts", "utf8");
    const out = inlinePainter(source);
    expect(out.startsWith('import * as inlinePaint from "../ui/wheel/paint.js";\n')).toBe(true);
    expect(out).toContain("if (name in inlined) return Promise.resolve(inlined[name])");
    expect(
      out
        .replace(/^import \* as inlinePaint.*\n/, "")
        .replace(/const inlined[^\n]*\n/, "")
        .replace(/\n {2}if \(name in inlined\)[^\n]*/, ""),
    ).toBe(source);
  });

  it("fails when the lookup it rewrites is gone", () => {
    expect(() => inlinePainter("const load = (name) => import(name);")).toThrow(
      /src\/embed\/script\.ts has no "const chunk = <T>\(name: string\) => \{"/,
    );
  });

  it("builds one classic script that paints the wheel without requesting the first frame's chunks", async () => {
    const dir = await mkdtemp(join(tmpdir(), "minigame-inline-"));
    try {
      const code = await buildInlinePainterLoader(dir);
      expect(code).toContain("mg-rotor");
      expect(code).not.toMatch(/^import /m);
      // the widget and the rest still come from chunks/ beside the script
      expect(code).toContain("chunks/");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
