// the dependency rule of ARCHITECTURE.md, checked on every import in src/:
// core ← tracker ← embed, core ← ui ← embed, core ← collector, core ← cli; nothing points back,
// and src/ holds no code that only tests use (test helpers, fixtures and previews live in tests/)
import { readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

type Area = "core" | "tracker" | "ui" | "embed" | "collector" | "cli" | "dashboard" | "root";

/** the areas each area may import from (besides itself) */
const ALLOWED: Record<Area, readonly Area[]> = {
  core: [],
  tracker: ["core"],
  // the UI hands events to the `track` callback embed gives it; it never imports the tracker
  ui: ["core"],
  embed: ["core", "tracker", "ui"],
  collector: ["core"],
  cli: ["core"],
  dashboard: ["core"],
  root: ["core", "tracker", "ui", "embed"],
};

/** code that reaches the browser: no Node built-ins, and only the packages listed here */
const BROWSER_PACKAGES: Partial<Record<Area, readonly string[]>> = {
  core: ["zod"],
  tracker: ["zod"],
  // altcha-lib: the proof-of-work solver, loaded by dynamic import only for campaigns that ask for it
  ui: ["zod", "preact", "altcha-lib"],
  embed: ["zod", "preact"],
  dashboard: ["preact", "uplot"],
};

/** packages that only tests may import, wherever the test sits */
const TEST_ONLY = ["vitest", "fast-check", "@testing-library/preact", "happy-dom", "playwright-core"];

type Import = { from: string; specifier: string; line: number; text: string };

const IMPORT =
  /(?:^|\n)[ \t]*(?:import|export)\b([^'"`;]*?)\bfrom\s*["']([^"']+)["']|(?:^|\n)[ \t]*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** every static, side-effect and literal dynamic import of a source text */
function importsOf(from: string, source: string): Import[] {
  const out: Import[] = [];
  // comments could mention imports; blank them but keep line numbers
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`\\])\/\/[^\n]*/g, "$1");
  for (const m of code.matchAll(IMPORT)) {
    const specifier = m[2] ?? m[3] ?? m[4]!;
    out.push({ from, specifier, line: code.slice(0, m.index).split("\n").length + (m[0].startsWith("\n") ? 1 : 0), text: m[0].trim() });
  }
  return out;
}

function areaOf(file: string): Area | undefined {
  const [top, area, rest] = file.split("/");
  if (top !== "src") return undefined;
  if (rest === undefined) return "root"; // src/index.ts and friends
  return (["core", "tracker", "ui", "embed", "collector", "cli", "dashboard"] as const).find((a) => a === area);
}

/** test files never reach a bundle; their helpers live in tests/helpers/ */
const isTest = (file: string) => /\.(test|spec)\.tsx?$/.test(file);
const packageName = (s: string) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!);
const isBuiltin = (s: string) => s.startsWith("node:") || builtinModules.includes(s.split("/")[0]!);

/** the file a relative specifier names, among `files` (`./a.js` may be a.ts, a.tsx or a/index.ts) */
function resolveIn(files: ReadonlyMap<string, string>, from: string, specifier: string): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = target.replace(/\.js$/, "");
  return [target, `${stem}.ts`, `${stem}.tsx`, `${target}/index.ts`].find((f) => files.has(f));
}

/** entry points (package.json exports and bins, the script tag): tests may be their only importers */
const ENTRIES = new Set([
  "src/index.ts",
  "src/core/index.ts",
  "src/collector/index.ts",
  "src/cli/main.ts",
  "src/collector/cli.ts",
  "src/embed/script.ts",
]);

/**
 * Non-test files in src/ that other tests import and no source file does: test helpers that would ship in dist/
 * and its types. A module only its own test imports yet (`csv.ts` and `csv.test.ts`) is code under test, not a helper.
 */
function testOnly(files: ReadonlyMap<string, string>): string[] {
  const importers = new Map<string, string[]>();
  for (const [file, source] of files) {
    for (const imp of importsOf(file, source)) {
      const target = imp.specifier.startsWith(".") ? resolveIn(files, file, imp.specifier) : undefined;
      if (target) importers.set(target, [...(importers.get(target) ?? []), file]);
    }
  }
  return [...importers]
    .map(([file, by]) => [file, by.filter((b) => b.replace(/\.(test|spec)(\.tsx?)$/, "$2") !== file)] as const)
    .filter(([file, by]) => areaOf(file) && !isTest(file) && !ENTRIES.has(file) && by.length > 0 && by.every(isTest))
    .map(([file, by]) => `${file} is imported only by tests (${by.join(", ")}): move it to tests/helpers/`);
}

/** the rule violations among `files` (repo-relative path → source), as readable lines */
function violations(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = testOnly(files);
  for (const [file, source] of files) {
    const area = areaOf(file);
    if (!area) continue;
    const browser = BROWSER_PACKAGES[area];
    for (const imp of importsOf(file, source)) {
      const where = `${file}:${imp.line} imports "${imp.specifier}"`;
      if (imp.specifier.startsWith(".")) {
        const target = posix.normalize(posix.join(posix.dirname(file), imp.specifier));
        const targetArea = areaOf(target);
        if (target.startsWith("src/embed/") && area !== "embed" && area !== "root")
          problems.push(`${where}: only src/index.ts may import from embed`);
        else if (targetArea && targetArea !== area && !ALLOWED[area].includes(targetArea))
          problems.push(`${where}: ${area} must not depend on ${targetArea}`);
        else if (!targetArea && !isTest(file) && !target.endsWith("package.json"))
          problems.push(`${where}: source files import only from src/`);
        continue;
      }
      if (isTest(file)) continue;
      const pkg = packageName(imp.specifier);
      if (TEST_ONLY.includes(pkg)) problems.push(`${where}: ${pkg} is for tests only`);
      else if (browser && isBuiltin(imp.specifier)) problems.push(`${where}: ${area} runs in the browser; no Node built-ins`);
      else if (browser && !browser.includes(pkg)) problems.push(`${where}: ${area} may use only ${browser.join(", ")}`);
      else if (browser && pkg === "zod") {
        // classic zod, or `import { z }`, would put all of zod (every locale) in the bundle
        if (imp.specifier !== "zod/mini") problems.push(`${where}: browser code uses zod/mini`);
        else if (!/^import\s+(type\b|\*\s+as\s+\w+\s+from)/.test(imp.text))
          problems.push(`${where}: import zod/mini as a namespace (import * as z)`);
      }
    }
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(ts|tsx|js|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

describe("dependency direction", () => {
  it("holds for every import in src/", () => {
    const files = new Map(
      sourceFiles("src").map((f) => [relative(root, join(root, f)).split("\\").join("/"), readFileSync(join(root, f), "utf8")]),
    );
    expect(files.size).toBeGreaterThan(10);
    expect(violations(files)).toEqual([]);
  });

  it("keeps the compiler's view of core free of DOM and Node types", () => {
    const config = JSON.parse(readFileSync(join(root, "tsconfig.core.json"), "utf8"));
    expect(config.compilerOptions.lib).toEqual(["ES2022"]);
    expect(config.compilerOptions.types).toEqual([]);
    expect(config.include).toEqual(["src/core"]);
  });
});

describe("the dependency checker", () => {
  const check = (files: Record<string, string>) => violations(new Map(Object.entries(files)));

  it("catches core reaching out of core, to Node or to another package", () => {
    expect(check({ "src/core/engine/draw.ts": 'import { track } from "../../tracker/index.js";' })).toEqual([
      'src/core/engine/draw.ts:1 imports "../../tracker/index.js": core must not depend on tracker',
    ]);
    expect(check({ "src/core/x.ts": 'import { readFile } from "node:fs";\nimport "fs";' })).toHaveLength(2);
    expect(check({ "src/core/x.ts": 'import { h } from "preact";' })).toEqual(['src/core/x.ts:1 imports "preact": core may use only zod']);
  });

  it("catches arrows that point back, and imports from embed", () => {
    expect(check({ "src/tracker/a.ts": 'export { x } from "../ui/index.js";' })).toEqual([
      'src/tracker/a.ts:1 imports "../ui/index.js": tracker must not depend on ui',
    ]);
    expect(check({ "src/cli/a.ts": 'const c = await import("../collector/index.js");' })).toEqual([
      'src/cli/a.ts:1 imports "../collector/index.js": cli must not depend on collector',
    ]);
    expect(check({ "src/ui/a.ts": 'import { mount } from "../embed/index.js";' })).toEqual([
      'src/ui/a.ts:1 imports "../embed/index.js": only src/index.ts may import from embed',
    ]);
    expect(check({ "src/index.ts": 'export * from "./embed/index.js";', "src/embed/a.ts": 'import { h } from "../ui/index.js";' })).toEqual(
      [],
    );
  });

  it("lets the collector and the CLI use Node and npm packages, but not test tools", () => {
    expect(check({ "src/collector/a.ts": 'import { Hono } from "hono";\nimport { createHash } from "node:crypto";' })).toEqual([]);
    expect(check({ "src/cli/a.ts": 'import fc from "fast-check";' })).toEqual([
      'src/cli/a.ts:1 imports "fast-check": fast-check is for tests only',
    ]);
    expect(check({ "src/core/a.test.ts": 'import fc from "fast-check";\nimport { readFileSync } from "node:fs";' })).toEqual([]);
    expect(check({ "src/ui/a.test.tsx": 'import { render } from "@testing-library/preact";' })).toEqual([]);
    expect(check({ "src/ui/test-utils.tsx": 'import { render } from "@testing-library/preact";' })).toEqual([
      'src/ui/test-utils.tsx:1 imports "@testing-library/preact": @testing-library/preact is for tests only',
    ]);
  });

  it("insists on zod/mini imported as a namespace in browser code", () => {
    expect(check({ "src/core/a.ts": 'import * as z from "zod/mini";\nimport type { core } from "zod/mini";' })).toEqual([]);
    expect(check({ "src/tracker/a.ts": 'import { z } from "zod/mini";' })).toEqual([
      'src/tracker/a.ts:1 imports "zod/mini": import zod/mini as a namespace (import * as z)',
    ]);
    expect(check({ "src/ui/a.ts": 'import * as z from "zod";' })).toEqual(['src/ui/a.ts:1 imports "zod": browser code uses zod/mini']);
  });

  it("finds code in src/ that only tests import", () => {
    const files = {
      "src/ui/fake-source.ts": "export const fake = 1;",
      "src/ui/a.test.ts": 'import { fake } from "./fake-source.js";',
      "src/ui/shared.ts": "export const shared = 1;",
      "src/ui/b.test.ts": 'import { shared } from "./shared.js";',
      "src/ui/index.ts": 'export { shared } from "./shared.js";',
      "src/ui/csv.ts": "export const csv = 1;",
      "src/ui/csv.test.ts": 'import { csv } from "./csv.js";',
    };
    expect(check(files)).toEqual(["src/ui/fake-source.ts is imported only by tests (src/ui/a.test.ts): move it to tests/helpers/"]);
  });

  it("allows the arrows that exist and no others: the UI does not import the tracker", () => {
    expect(check({ "src/embed/a.ts": 'import { createTracker } from "../tracker/index.js";' })).toEqual([]);
    expect(check({ "src/ui/a.ts": 'import { createTracker } from "../tracker/index.js";' })).toEqual([
      'src/ui/a.ts:1 imports "../tracker/index.js": ui must not depend on tracker',
    ]);
  });

  it("reads multi-line imports and ignores commented-out ones", () => {
    const source = '// import { x } from "../ui/a.js";\n/* import "node:fs"; */\nimport {\n  a,\n  b,\n} from "../collector/x.js";';
    expect(check({ "src/core/a.ts": source })).toEqual(['src/core/a.ts:3 imports "../collector/x.js": core must not depend on collector']);
  });
});
