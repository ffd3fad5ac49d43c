// builds the benchmark pages: one HTML page per subject, each loading the wheel the way a site would
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { bundleIife } from "./bundle.js";
import { buildInlinePainterLoader } from "./inline-painter.js";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..");
export const SITE = join(ROOT, "bench", ".tmp", "site");
const FIXTURES = join(ROOT, "bench", "fixtures");

export type SubjectName = "minigame" | "minigame-inline" | "lucky-canvas" | "spin-wheel" | "winwheel" | "react-custom-roulette" | "blank";
export const LIBRARIES = ["lucky-canvas", "spin-wheel", "winwheel", "react-custom-roulette"] as const;

// runs before the wheel's script: notes the first frame the fixture reports painted and every long task
export const PROBE = `
window.__bench = { longTasks: [] };
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { window.__bench.longTasks.push([e.startTime, e.duration]); });
}).observe({ type: "longtask", buffered: true });
(function poll() {
  requestAnimationFrame(function () {
    var w = window.__wheel;
    if (w && w.painted()) window.__bench.paintedAt = performance.now(); else poll();
  });
})();
`;

export function page(head: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wheel benchmark</title>
<style>html,body{margin:0;background:#fff}#slot{width:360px;height:360px;margin:20px}</style>
<script>${PROBE}</script>${head}
</head><body><div id="slot"></div>
<script>performance.mark("script-start")</script>
${body}
</body></html>
`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** the shipped script tag: the loader (dist/minigame.js) and the chunks it imports from beside it (dist/chunks/) */
export async function minigameScript(): Promise<{ code: string; source: string; chunks: Record<string, string> }> {
  const dist = join(ROOT, "dist", "minigame.js");
  if (!(await exists(dist))) throw new Error("no dist/minigame.js: run npm run build");
  const chunks: Record<string, string> = {};
  for (const name of await readdir(join(ROOT, "dist", "chunks"))) chunks[name] = await readFile(join(ROOT, "dist", "chunks", name), "utf8");
  return { code: await readFile(dist, "utf8"), source: "dist/minigame.js + dist/chunks/", chunks };
}

/** write every subject's page and script under bench/.tmp/site; returns the subjects that could be built */
export async function buildSite(subjects: readonly SubjectName[]): Promise<SubjectName[]> {
  await mkdir(SITE, { recursive: true });
  const built: SubjectName[] = [];
  for (const name of subjects) {
    try {
      if (name === "minigame" || name === "minigame-inline") {
        const { code, chunks } = await minigameScript();
        // the inline-painter loader imports the same chunks for everything after the first frame
        await writeFile(join(SITE, `${name}.js`), name === "minigame" ? code : await buildInlinePainterLoader(SITE));
        await mkdir(join(SITE, "chunks"), { recursive: true });
        for (const [file, chunk] of Object.entries(chunks)) await writeFile(join(SITE, "chunks", file), chunk);
        await writeFile(join(SITE, "minigame-hooks.js"), await bundleIife(join(FIXTURES, "minigame.ts")));
        const campaign = await readFile(join(FIXTURES, "campaign.json"), "utf8");
        await writeFile(
          join(SITE, `${name}.html`),
          page(
            `<script src="minigame-hooks.js"></script>`,
            `<script type="application/json" id="campaign">${campaign}</script>
<script async src="${name}.js" data-campaign="#campaign" data-target="#slot" data-locale="en"></script>`,
          ),
        );
      } else {
        await writeFile(join(SITE, `${name}.js`), await bundleIife(join(FIXTURES, `${name}.ts`)));
        await writeFile(join(SITE, `${name}.html`), page("", `<script src="${name}.js"></script>`));
      }
      built.push(name);
    } catch (e) {
      console.error(`skipping ${name}: ${(e as Error).message}`);
    }
  }
  return built;
}
