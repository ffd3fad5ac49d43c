import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { typecheckAsConsumer } from "../helpers/consumer.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  main: string;
  types: string;
  files: string[];
  sideEffects: string[];
  exports: Record<string, string | Record<string, string>>;
};

/** every file an export points at, with the export and condition it came from */
function targets(): Array<{ subpath: string; condition: string; file: string }> {
  return Object.entries(pkg.exports).flatMap(([subpath, target]) =>
    typeof target === "string"
      ? [{ subpath, condition: "default", file: target }]
      : Object.entries(target).map(([condition, file]) => ({ subpath, condition, file })),
  );
}

beforeAll(() => {
  if (!existsSync(join(root, "dist/index.js"))) throw new Error("dist/ is missing: run `npm run build` before this suite");
});

describe("package.json exports", () => {
  it.each(targets())("$subpath ($condition) → $file exists", ({ file }) => {
    expect(existsSync(join(root, file)), file).toBe(true);
  });

  it("lists types before import in every conditional export, so TypeScript picks them", () => {
    for (const target of Object.values(pkg.exports)) {
      if (typeof target === "string") continue;
      expect(Object.keys(target)[0]).toBe("types");
    }
  });

  it('ships every exported file through "files"', () => {
    for (const { file } of targets()) {
      const top = file.replace(/^\.\//, "").split("/")[0]!;
      expect(pkg.files.includes(top) || top === "package.json", file).toBe(true);
    }
    expect(existsSync(join(root, pkg.main))).toBe(true);
    expect(existsSync(join(root, pkg.types))).toBe(true);
  });

  it("declares side effects only for the script-tag bundle", () => {
    expect(pkg.sideEffects).toEqual(["./dist/minigame.js"]);
  });

  it.each(targets().filter((t) => t.condition === "import"))(
    "$subpath loads in Node and exports what the source exports",
    async ({ subpath, file }) => {
      const built = await import(pathToFileURL(join(root, file)).href);
      const sourceFile = subpath === "." ? "src/index.ts" : `src/${subpath.slice(2)}/index.ts`;
      const source = await import(pathToFileURL(join(root, sourceFile)).href);
      expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
    },
  );

  it("./core pulls in neither preact nor anything from node:", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, "utf8");
      for (const [, spec] of code.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^(preact|@preact|node:)/);
        if (spec!.startsWith(".")) visit(resolve(dirname(file), spec!));
      }
    };
    visit(join(root, (pkg.exports["./core"] as Record<string, string>).import!));
    expect(seen.size).toBeGreaterThan(0);
  });
});

describe("a TypeScript consumer", () => {
  it("type-checks imports of every entry through the package name", () => {
    const entries = Object.keys(pkg.exports).filter((s) => {
      const t = pkg.exports[s];
      return typeof t === "object" && "types" in t;
    });
    const lines = entries.map(
      (s, i) => `import * as e${i} from "${pkg.name}${s === "." ? "" : s.slice(1)}";\nexport const k${i}: string[] = Object.keys(e${i});`,
    );
    lines.push(`import { parseCampaign, type Campaign } from "${pkg.name}/core";`);
    lines.push(`const r = parseCampaign("{}");\nexport const c: Campaign | undefined = r.ok ? r.campaign : undefined;`);
    if (pkg.exports["./campaign.schema.json"]) {
      lines.push(`import schema from "${pkg.name}/campaign.schema.json" with { type: "json" };\nexport const s: unknown = schema;`);
    }
    expect(typecheckAsConsumer(pkg.name, lines.join("\n"))).toBe("");
  });
});
