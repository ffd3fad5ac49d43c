// examples/vite-app builds against the package as npm would install it: a file: dependency is a link
// to this repository, resolved through package.json "exports" to dist/ (run `npm run build` first)
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const app = join(root, "examples/vite-app");
const outDir = mkdtempSync(join(tmpdir(), "minigame-vite-app-"));

/** what `npm install` does for "minigame-sdk": "file:../..": a symlink in the app's node_modules */
function linkPackage(): void {
  const link = join(app, "node_modules/minigame-sdk");
  try {
    lstatSync(link);
    return; // already linked (or installed)
  } catch {
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync("../../..", link, "dir");
  }
}

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("examples/vite-app", () => {
  it("type-checks against the published .d.ts", () => {
    expect(existsSync(join(root, "dist/types/index.d.ts")), "run `npm run build` first").toBe(true);
    linkPackage();
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", join(app, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  });

  it("builds with vite into a page that carries the SDK", async () => {
    linkPackage();
    await build({ root: app, configFile: join(app, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    const assets = readdirSync(join(outDir, "assets")).filter((f) => f.endsWith(".js"));
    const code = assets.map((f) => readFileSync(join(outDir, "assets", f), "utf8")).join("\n");
    // the campaign was bundled and the widget came through the package (its shadow-root CSS is in),
    // and nothing of the script-tag entry (it installs window.minigame) was pulled in
    expect(code).toContain("demo-wheel");
    expect(code).toContain("mg-hub");
    expect(code).not.toContain("loaded twice");
  });
});
