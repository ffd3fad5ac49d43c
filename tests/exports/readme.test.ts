// the README's two ways onto a page must work as printed: the npm snippet type-checks against the published
// types through the package name, and the script tag names a shipped file and only attributes the loader reads
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readScriptConfig } from "../../src/embed/auto-init.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** the first fenced block of `lang` after `heading` (a line of the README) */
function blockAfter(heading: string, lang: string): string {
  const from = readme.indexOf(heading);
  if (from === -1) throw new Error(`README.md no longer has "${heading}"`);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(from));
  if (!match) throw new Error(`no \`\`\`${lang} block after "${heading}" in README.md`);
  return match[1]!;
}

let dir = "";
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README.md", () => {
  it("has an npm snippet that type-checks through the package name", () => {
    expect(existsSync(join(root, "dist/types/index.d.ts")), "run `npm run build` first").toBe(true);
    const snippet = blockAfter("Or from npm", "ts");
    expect(snippet).toContain('from "minigame-sdk"');
    dir = mkdtempSync(join(tmpdir(), "minigame-readme-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "minigame-sdk"), "dir");
    // the snippet's `campaign` is whatever the page loaded; everything else must compile as printed
    writeFileSync(join(dir, "readme.ts"), `${snippet}\ndeclare const campaign: import("minigame-sdk").Campaign;\n`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ["ES2022", "DOM"],
          types: [],
        },
        files: ["readme.ts"],
      }),
    );
    let output = "";
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  });

  it("has a script tag that loads a shipped file and sets only attributes the loader reads", () => {
    const tag = /<script\s([^>]*)>/.exec(blockAfter("## Put a wheel on a page", "html"))?.[1] ?? "";
    const attributes = Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] ?? ""]));
    // the CDN path is the package path: unpkg serves https://unpkg.com/<name>/<file in the package>
    const file = /^https:\/\/unpkg\.com\/minigame-sdk\/(.+)$/.exec(attributes.src ?? "")?.[1];
    expect(file, attributes.src).toBeDefined();
    expect(existsSync(join(root, file!)), `${file} after npm run build`).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain(file!.split("/")[0]);

    const data = Object.entries(attributes).filter(([name]) => name.startsWith("data-"));
    expect(data.length).toBeGreaterThan(0);
    const dataset = Object.fromEntries(
      data.map(([name, value]) => [name.slice(5).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), value]),
    );
    const { config, warnings } = readScriptConfig({ dataset } as unknown as HTMLScriptElement);
    expect(warnings).toEqual([]);
    // every attribute came through as a setting, none was silently ignored
    for (const [key, value] of Object.entries(dataset)) expect(config?.[key as keyof typeof config], `data-${key}`).toBe(value);
  });
});
