// the loader with the wheel's first frame compiled in: what a 4,096 B loader costs in time to painted. It rewrites the
// loader's chunk lookup (src/embed/script.ts) so paint-wheel, wheel-face and frame are answered from static imports
// instead of three requests; everything else is the shipped loader. A measurement, not a product: the widget chunk it
// imports later carries its own copy of the first frame's modules, so only the time to painted compares.
import { readFile } from "node:fs/promises";
import { build, type Plugin } from "vite";
import { loaderConfig } from "../../vite.config.js";

const LOOKUP = "const chunk = <T>(name: string) => {";

/** rewrite src/embed/script.ts's `chunk()`; fails when the line it rewrites is gone, so the bench cannot measure a no-op */
export function inlinePainter(source: string): string {
  if (!source.includes(LOOKUP)) throw new Error(`inline painter: src/embed/script.ts has no "${LOOKUP}" to rewrite`);
  return `import * as inlinePaint from "../ui/wheel/paint.js";\n${source.replace(
    LOOKUP,
    `const inlined: Record<string, unknown> = { "paint-wheel": inlinePaint, "wheel-face": {}, frame: {} };
${LOOKUP}
  if (name in inlined) return Promise.resolve(inlined[name]) as Promise<T>;`,
  )}`;
}

const plugin = (): Plugin => ({
  name: "minigame-bench-inline-painter",
  enforce: "pre",
  transform: (code, id) => (/src[\\/]embed[\\/]script\.ts$/.test(id) ? inlinePainter(code) : undefined),
});

/** build that loader as one classic script; returns its text */
export async function buildInlinePainterLoader(outDir: string): Promise<string> {
  const config = loaderConfig({ outDir, fileName: "minigame-inline.js" });
  await build({ ...config, logLevel: "silent", plugins: [...(config.plugins ?? []), plugin()] });
  return readFile(`${outDir}/minigame-inline.js`, "utf8");
}
