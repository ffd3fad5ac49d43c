// bundles src/tracker into one minified IIFE (window.MinigameTracker), for the size figure and browser tests
import { fileURLToPath } from "node:url";
import { build, type Rolldown } from "vite";

const entry = fileURLToPath(new URL("../src/tracker/index.ts", import.meta.url));

/**
 * The tracker as a browser script, built in memory.
 * @example const code = await bundleTracker(); // "var MinigameTracker=(function(e){…"
 */
export async function bundleTracker(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      minify: true,
      target: "es2020",
      lib: { entry, formats: ["iife"], name: "MinigameTracker", fileName: () => "tracker.js" },
    },
  });
  const results = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  for (const result of results) for (const chunk of result.output) if (chunk.type === "chunk") return chunk.code;
  throw new Error("vite build produced no chunk for src/tracker/index.ts");
}
